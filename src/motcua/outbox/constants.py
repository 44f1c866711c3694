"""Vocabulary of the outbox: the states of a message."""

from __future__ import annotations

from django.db import models


class State(models.TextChoices):
    """A message waits (``pending``, retried with backoff), is acknowledged (``delivered``), or has
    failed its destination's number of attempts or was refused for good (``dead``): a dead message
    holds back the later messages of its stream until an operator replays it."""

    PENDING = "pending", "Chờ gửi"
    DELIVERED = "delivered", "Đã được tiếp nhận"
    DEAD = "dead", "Gửi không thành công"


# Bytes of a receiver's answer kept for inspection: enough for an error message, never a whole page.
RESPONSE_KEPT = 2000
