"""The fields of a workflow action's input: what each asks for, and how a value sent for it is read.

A field is declared once, on the action's input class (``dossiers.inputs``), with a :class:`FieldSpec`
in its ``dataclasses.field`` metadata: its Vietnamese label, its kind, whether it is required, its
bounds and, for references, which rows may be chosen for this dossier. The API's request bodies, the
back office's forms and the workflow document are derived from these specs; :func:`read` validates
a value sent by any of them (JSON values, form strings, or instances already chosen in a form).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from motcua.core.limits import MAX_INTEGER
from motcua.workdays.constants import VIETNAM_TZ

if TYPE_CHECKING:
    from motcua.dossiers.models import Dossier

TEXT = "text"  # a string (``rows`` > 0: several lines of prose)
LINES = "lines"  # a list of strings; a text is read one item per line
INTEGER = "integer"
DECIMAL = "decimal"
DATETIME = "datetime"  # aware; a time without zone is Vietnam's
CHOICE = "choice"  # one of ``choices``
FILES = "files"  # uploaded files (PDF or images; the delivery checks type and size)
OFFICIAL = "official"  # a user, by id, among ``candidates(dossier)``
AGENCY = "agency"  # an agency, by id, among ``candidates(dossier)``
AGENCIES = "agencies"  # several agencies, by id
MAPPING = "mapping"  # a JSON object whose values are among ``choices``
BOOL = "bool"

KINDS = (TEXT, LINES, INTEGER, DECIMAL, DATETIME, CHOICE, FILES, OFFICIAL, AGENCY, AGENCIES, MAPPING, BOOL)
LIST_KINDS = frozenset({LINES, FILES, AGENCIES})  # sent as repeated form fields, or JSON arrays
REFERENCE_KINDS = frozenset({OFFICIAL, AGENCY, AGENCIES})

REQUIRED = "Trường này là bắt buộc."

Candidates = Callable[["Dossier"], QuerySet[Any]]


@dataclass(frozen=True)
class FieldSpec:
    label: str
    kind: str
    required: bool = False
    default: Any = None  # the value when nothing is sent ("" for text, () for lists)
    max_length: int | None = None  # text, and each line of ``lines``
    min_value: int | None = None
    max_value: int | None = None
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    # The rows a reference may name for this dossier (officials who may be assigned, other agencies…).
    candidates: Candidates | None = None
    # ``lines``: the only items that may be sent, listed for this dossier (forms tick them).
    options: Callable[[Dossier], Sequence[str]] | None = None
    # The value offered first (forms), and a hint that depends on the dossier.
    initial: Callable[[Dossier], Any] | None = None
    hint: Callable[[Dossier], str] | None = None
    # Whether forms ask for it on this dossier (always, when absent); machine clients may always send it.
    asked: Callable[[Dossier], bool] | None = None
    rows: int = 0  # text and lines: the height of the box in forms
    time_label: str = ""  # datetime: forms ask the day and the time apart; this labels the time
    former_names: tuple[str, ...] = ()  # names clients used before; still read
    # False: a detail only machine clients send (forms leave it to the engine's default).
    in_forms: bool = True


def spec(label: str, kind: str, **options: Any) -> Any:
    """A dataclass field carrying its :class:`FieldSpec` (``default`` is the value when absent)."""
    if kind not in KINDS:
        raise ValueError(f"unknown field kind {kind!r}")
    default = options.pop("default", _EMPTY.get(kind))
    described = FieldSpec(label, kind, default=default, **options)
    return field(default=default, metadata={"spec": described})


_EMPTY: dict[str, Any] = {TEXT: "", LINES: (), FILES: (), AGENCIES: (), MAPPING: None, BOOL: False}


class Invalid(ValueError):
    """One field's value is refused; the message is Vietnamese."""


def present(value: Any) -> bool:
    return value not in (None, "", [], (), {})


def read(spec_: FieldSpec, raw: Any, dossier: Dossier) -> Any:
    """The value of one field: coerced, bounded, references resolved; ``Invalid`` if refused."""
    if spec_.kind in LIST_KINDS and isinstance(raw, str) and spec_.kind != LINES:
        raw = [raw] if raw else []
    if not present(raw):
        if spec_.required:
            raise Invalid(REQUIRED)
        return spec_.default
    value = _READERS[spec_.kind](spec_, raw, dossier)
    if spec_.required and not present(value.strip() if isinstance(value, str) else value):
        raise Invalid(REQUIRED)  # blanks alone say nothing
    return value


def _text(spec_: FieldSpec, raw: Any, dossier: Dossier) -> str:
    if not isinstance(raw, str):
        raise Invalid("Phải là chuỗi ký tự.")
    _check_length(spec_, raw)
    return raw


def _check_length(spec_: FieldSpec, text: str) -> None:
    if spec_.max_length is not None and len(text) > spec_.max_length:
        raise Invalid(f"Tối đa {spec_.max_length} ký tự.")


def _lines(spec_: FieldSpec, raw: Any, dossier: Dossier) -> tuple[str, ...]:
    items = raw.splitlines() if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple) or not all(isinstance(item, str) for item in items):
        raise Invalid("Phải là danh sách các dòng chữ.")
    cleaned = tuple(item.strip() for item in items if item.strip())
    for item in cleaned:
        _check_length(spec_, item)
    if spec_.options is not None:
        listed = set(spec_.options(dossier))
        unknown = [item for item in cleaned if item not in listed]
        if unknown:
            raise Invalid("Không có trong danh sách: " + "; ".join(f"“{item}”" for item in unknown) + ".")
    return cleaned


def _bounded(spec_: FieldSpec, number: Any) -> Any:
    if spec_.min_value is not None and number < spec_.min_value:
        raise Invalid(f"Không được nhỏ hơn {spec_.min_value}.")
    if spec_.max_value is not None and number > spec_.max_value:
        raise Invalid(f"Không được lớn hơn {spec_.max_value}.")
    return number


def _integer(spec_: FieldSpec, raw: Any, dossier: Dossier) -> int:
    if isinstance(raw, bool):
        raise Invalid("Phải là số nguyên.")
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        raise Invalid("Phải là số nguyên.") from None
    if not number.is_finite() or number != number.to_integral_value():
        raise Invalid("Phải là số nguyên.")
    return int(_bounded(spec_, int(number)))


def _decimal(spec_: FieldSpec, raw: Any, dossier: Dossier) -> Decimal:
    if isinstance(raw, bool):
        raise Invalid("Phải là một số.")
    try:
        number = Decimal(str(raw).strip())
    except InvalidOperation:
        raise Invalid("Phải là một số.") from None
    if not number.is_finite():
        raise Invalid("Phải là một số.")
    return Decimal(_bounded(spec_, number))


def _datetime(spec_: FieldSpec, raw: Any, dossier: Dossier) -> datetime:
    moment = raw if isinstance(raw, datetime) else parse_datetime(raw) if isinstance(raw, str) else None
    if moment is None:
        raise Invalid("Ngày giờ không hợp lệ (ví dụ 2026-03-10T16:00:00+07:00).")
    return timezone.make_aware(moment, VIETNAM_TZ) if timezone.is_naive(moment) else moment


def _choice(spec_: FieldSpec, raw: Any, dossier: Dossier) -> str:
    if raw not in {value for value, _ in spec_.choices}:
        raise Invalid("Lựa chọn không hợp lệ.")
    return str(raw)


def _files(spec_: FieldSpec, raw: Any, dossier: Dossier) -> tuple[Any, ...]:
    files = tuple(raw) if isinstance(raw, list | tuple) else (raw,)
    if not all(hasattr(item, "read") and hasattr(item, "name") for item in files):
        raise Invalid("Phải là tệp tải lên.")
    return files


def _pk(value: Any) -> int:
    if isinstance(value, Model):
        return int(value.pk)
    # An id beyond what the column holds is refused here: the database would overflow on it.
    if isinstance(value, bool) or not str(value).strip().isdigit() or int(value) > MAX_INTEGER:
        raise Invalid("Mã không hợp lệ.")
    return int(value)


def _pool(spec_: FieldSpec, dossier: Dossier) -> QuerySet[Any]:
    if spec_.candidates is None:
        raise TypeError(f"the reference field {spec_.label!r} declares no candidates")
    return spec_.candidates(dossier)


def _one(spec_: FieldSpec, raw: Any, dossier: Dossier) -> Model:
    found = _pool(spec_, dossier).filter(pk=_pk(raw)).first()
    if found is None:
        raise Invalid("Cán bộ không hợp lệ." if spec_.kind == OFFICIAL else "Cơ quan không hợp lệ.")
    return found


def _many(spec_: FieldSpec, raw: Any, dossier: Dossier) -> tuple[Model, ...]:
    items = raw if isinstance(raw, list | tuple) else [raw]
    wanted = list(dict.fromkeys(_pk(item) for item in items))
    found = {row.pk: row for row in _pool(spec_, dossier).filter(pk__in=wanted)}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        raise Invalid("Cơ quan không hợp lệ: " + ", ".join(str(pk) for pk in missing) + ".")
    return tuple(found[pk] for pk in wanted)


def _mapping(spec_: FieldSpec, raw: Any, dossier: Dossier) -> dict[str, str]:
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            raise Invalid("Phải là một đối tượng JSON.") from None
    if not isinstance(raw, Mapping):
        raise Invalid("Phải là một đối tượng JSON.")
    allowed = {value for value, _ in spec_.choices}
    if allowed and any(value not in allowed for value in raw.values()):
        raise Invalid("Giá trị không hợp lệ: " + ", ".join(sorted(allowed)) + ".")
    return {str(key): value for key, value in raw.items()}


def _bool(spec_: FieldSpec, raw: Any, dossier: Dossier) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in {"true", "1", "on", "yes"}:
        return True
    if text in {"false", "0", "off", "no"}:
        return False
    raise Invalid("Phải là true hoặc false.")


_READERS: dict[str, Callable[[FieldSpec, Any, Dossier], Any]] = {
    TEXT: _text,
    LINES: _lines,
    INTEGER: _integer,
    DECIMAL: _decimal,
    DATETIME: _datetime,
    CHOICE: _choice,
    FILES: _files,
    OFFICIAL: _one,
    AGENCY: _one,
    AGENCIES: _many,
    MAPPING: _mapping,
    BOOL: _bool,
}
