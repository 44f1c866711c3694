"""A local simulator of VNPAY's side of API 2.1.0, mounted at /vnpay-gia-lap/ when PAYMENT_VNPAY_SIMULATOR is on.

It shows a payment page, sends the signed browser return and the IPN, answers querydr and refund,
and writes the daily statement. It is part of this application and never reaches the internet.
"""
