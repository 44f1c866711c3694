"""VNPAY's daily statement as CSV (pure parsing, table-tested).

Columns (a header line first): ``vnp_TmnCode, vnp_TxnRef, vnp_TransactionNo, vnp_TransactionType,
vnp_Amount, vnp_PayDate, vnp_TransactionStatus, vnp_BankCode``, amounts ×100 and moments
``yyyyMMddHHmmss`` as in the API. Only successful rows (status 00) are money moved; rows of another
terminal are ignored. The simulator writes this format; VNPAY's merchant site exports the same
columns under Vietnamese headings, mapped in ``HEADINGS``.
"""

from __future__ import annotations

import csv
import io

from motcua.payments.gateways.vnpay import protocol
from motcua.payments.interface import StatementKind, StatementLine

COLUMNS = (
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_Amount",
    "vnp_PayDate",
    "vnp_TransactionStatus",
    "vnp_BankCode",
)
# Headings of a statement exported by hand, read as the API's names.
HEADINGS = {
    "ma website": "vnp_TmnCode",
    "ma giao dich thanh toan": "vnp_TxnRef",
    "ma giao dich vnpay": "vnp_TransactionNo",
    "loai giao dich": "vnp_TransactionType",
    "so tien": "vnp_Amount",
    "thoi gian thanh toan": "vnp_PayDate",
    "trang thai": "vnp_TransactionStatus",
    "ngan hang": "vnp_BankCode",
}


class StatementError(ValueError):
    pass


def render(rows: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _name(heading: str) -> str:
    from motcua.core.text import fold

    key = heading.strip()
    return key if key.startswith("vnp_") else HEADINGS.get(fold(key), key)


def parse(text: str, tmn_code: str) -> list[StatementLine]:
    reader = csv.reader(io.StringIO(text))
    try:
        header = [_name(h) for h in next(reader)]
    except StopIteration:
        return []
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise StatementError(f"statement lacks columns {', '.join(missing)}")
    lines = []
    for number, values in enumerate(reader, start=2):
        if not any(v.strip() for v in values):
            continue
        row = dict(zip(header, (v.strip() for v in values), strict=False))
        if row["vnp_TmnCode"] != tmn_code or row["vnp_TransactionStatus"] != protocol.STATUS_SUCCESS:
            continue
        try:
            kind = StatementKind.PAYMENT if row["vnp_TransactionType"] == "01" else StatementKind.REFUND
            lines.append(
                StatementLine(
                    reference=row["vnp_TxnRef"],
                    transaction_id=row["vnp_TransactionNo"],
                    amount_vnd=protocol.from_amount(row["vnp_Amount"]),
                    moment=protocol.from_moment(row["vnp_PayDate"]),
                    kind=kind,
                )
            )
        except ValueError as exc:
            raise StatementError(f"line {number}: {exc}") from exc
    return lines
