"""VNPAY payment gateway, API version 2.1.0: payment URL, browser return, IPN, querydr and refund.

The protocol is described in ``docs/payments.md`` ("VNPAY"); ``simulator/`` plays VNPAY's side of it
for development, the demo and the tests.
"""
