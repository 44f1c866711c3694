"""A payment gateway that runs inside this application, for development, tests and training.

It behaves like a real one: a payment page of its own, a signed return to the merchant, and a status
query used by reconciliation. No money moves.
"""
