"""Maintained aggregates of the operations centre: dated counters per day (and per month by procedure).

A row holds, for one calendar day in Vietnam (``day``) and one combination of receiving agency,
competent agency and channel, how many dossiers each dated figure of ``figures.DATED`` counts on that
day, the ratings given that day, and what the processing time needs (sums and a histogram). Rows are
written only by ``operations.facts`` (kept up to date with each dossier change, rebuilt and checked by
``manage.py reconcile_operations``); pages and the API only read them.

Three grains, the same counters:

- ``DayFact``: day × receiving agency × competent agency × channel. Its size follows agencies × days,
  never the number of dossiers; every period (month, quarter, year, custom days) is a range of days.
- ``AgencyMonthFact``: the same per month (its first day), for the periods made of whole months.
- ``ProcedureMonthFact``: month (its first day) × the same × procedure. For the figures of a sector
  or a procedure, which a whole month, quarter or year reads (a custom period cut inside a month falls
  back to the dossiers, see ``facts.needs_dossiers``).

Agencies and procedures are plain ids, not foreign keys: the rows are derived data, recounted from the
dossiers at will, and must never hold a deletion back.
"""

from __future__ import annotations

from django.db import models

# Processing time (acceptance to resolution) histogram: the upper edge of each bucket, in days. The p90
# shown is the upper edge of the bucket holding the 90th percentile (docs/operations.md).
HISTOGRAM_EDGES: tuple[float, ...] = (
    0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 16, 18, 20, 25, 30, 35, 40, 45, 50, 60, 75, 90, 120, 180, 365,
)  # fmt: skip
BUCKETS = len(HISTOGRAM_EDGES) + 1  # the last one: beyond a year

# Counters of the dated figures (``figures.DATED``), plus the ratings.
FIGURE_COUNTERS: tuple[str, ...] = (
    "received",
    "received_counter",
    "received_online",
    "received_postal",
    "accepted",
    "refused",
    "withdrawn",
    "stopped",
    "resolved",
    "resolved_early",
    "resolved_on_time",
    "resolved_late",
    "extended",
    "online_capable",
    "online_capable_online",
    "full_online",
    "full_online_online",
    "returned",
    "postal_returns",
    "electronic_results",
    "with_fees",
    "paid_online",
    "digitised",
    "reused",
)
RATING_COUNTERS: tuple[str, ...] = ("ratings", "ratings_not_satisfied")
# Processing time of the dossiers resolved that day: count, sum of microseconds, the statutory and the
# applied time limits in working days (sum and count), and the histogram.
TIME_COUNTERS: tuple[str, ...] = (
    "processed",
    "processed_us",
    "legal_n",
    "legal_sum",
    "applied_n",
    "applied_sum",
    *(f"h{i}" for i in range(BUCKETS)),
)
COUNTERS: tuple[str, ...] = (*FIGURE_COUNTERS, *RATING_COUNTERS, *TIME_COUNTERS)
DECIMAL_COUNTERS = frozenset({"legal_sum", "applied_sum"})


def _counter(name: str) -> models.Field:
    if name in DECIMAL_COUNTERS:
        return models.DecimalField(max_digits=16, decimal_places=2, default=0)
    return models.BigIntegerField(default=0)


class Fact(models.Model):
    receiving_id = models.IntegerField("nơi nhận")
    competent_id = models.IntegerField("cơ quan giải quyết")
    channel = models.CharField("kênh nộp", max_length=10)
    locals().update({name: _counter(name) for name in COUNTERS})

    class Meta:
        abstract = True


class DayFact(Fact):
    day = models.DateField("ngày")

    class Meta:
        verbose_name = "số liệu ngày"
        verbose_name_plural = "số liệu ngày"
        constraints = [
            models.UniqueConstraint(fields=["day", "receiving_id", "competent_id", "channel"], name="ops_dayfact_key")
        ]
        indexes = [models.Index(fields=["competent_id", "day"], name="ops_dayfact_competent")]

    def __str__(self) -> str:
        return f"{self.day} {self.receiving_id}/{self.competent_id}/{self.channel}"


class AgencyMonthFact(Fact):
    """The daily rows summed per month: what a month, a quarter or a year reads (a twelfth of the rows)."""

    day = models.DateField("tháng (ngày đầu tháng)")

    class Meta:
        verbose_name = "số liệu tháng"
        verbose_name_plural = "số liệu tháng"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "receiving_id", "competent_id", "channel"], name="ops_agencymonthfact_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.day:%m/%Y} {self.receiving_id}/{self.competent_id}/{self.channel}"


class ProcedureMonthFact(Fact):
    day = models.DateField("tháng (ngày đầu tháng)")
    procedure_id = models.IntegerField("thủ tục")

    class Meta:
        verbose_name = "số liệu tháng theo thủ tục"
        verbose_name_plural = "số liệu tháng theo thủ tục"
        constraints = [
            models.UniqueConstraint(
                fields=["day", "receiving_id", "competent_id", "procedure_id", "channel"], name="ops_monthfact_key"
            )
        ]
        indexes = [
            models.Index(fields=["procedure_id", "day"], name="ops_monthfact_procedure"),
            # The Decision 766 index's procedures with fees: read from this narrow index alone (PostgreSQL).
            models.Index(
                fields=["day"],
                include=["procedure_id", "receiving_id", "competent_id", "channel", "with_fees", "paid_online"],
                name="ops_monthfact_fees",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.day:%m/%Y} {self.receiving_id}/{self.competent_id}/{self.procedure_id}/{self.channel}"
