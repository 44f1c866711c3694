"""The plain-data shape of a procedure version, shared by services, the API and import/export.

``dump_version`` turns a stored version into this shape; ``clean_version`` checks and
normalises a raw mapping (from JSON, a workbook or an API body) into it, collecting every
problem with its path instead of stopping at the first one. Agencies are referred to by
their identifier code (mã định danh), so a file moves between installations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from motcua.accounts.models import ApplicantKind, Role
from motcua.catalogue.constants import (
    STEP_DURATION_UNITS,
    Channel,
    ComponentKind,
    ComponentRequirement,
    OnlineLevel,
    ResultKind,
    StepAction,
    StepActorKind,
)
from motcua.catalogue.models import Component, Fee, ProcedureVersion, ProcessStep
from motcua.catalogue.requirements import requirement_from_text
from motcua.core.limits import MAX_AMOUNT_VND, MAX_INTEGER
from motcua.core.text import normalise
from motcua.organisations.models import UnitLevel
from motcua.workdays.constants import DurationUnit

VersionData = dict[str, Any]


@dataclass(frozen=True)
class Problem:
    """One error found in input data: where (a dotted path) and what (Vietnamese)."""

    path: str
    message: str


def _decimal_out(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def dump_version(version: ProcedureVersion) -> VersionData:
    """A stored version as plain data (dates ISO, decimals as strings, agencies by code)."""
    return {
        "effective_from": version.effective_from.isoformat(),
        "effective_until": version.effective_until.isoformat() if version.effective_until else None,
        "legal_time_value": _decimal_out(version.legal_time_value),
        "legal_time_unit": version.legal_time_unit,
        "reduced_time_value": _decimal_out(version.reduced_time_value),
        "reduced_time_unit": version.reduced_time_unit,
        "levels": version.levels,
        "applicant_types": list(version.applicant_types),
        "online_level": version.online_level,
        "channels": list(version.channels),
        "resolved_at_centre": version.resolved_at_centre,
        "information_only": version.information_only,
        "requires_financial_obligation_pause": version.requires_financial_obligation_pause,
        "result_name": version.result_name,
        "result_kind": version.result_kind,
        "result_electronic_allowed": version.result_electronic_allowed,
        "legal_basis": version.legal_basis,
        "submission_place": version.submission_place,
        "publication_decision_number": version.publication_decision_number,
        "publication_decision_date": (
            version.publication_decision_date.isoformat() if version.publication_decision_date else None
        ),
        "competent_agencies": sorted(a.identifier_code for a in version.competent_agencies.all()),
        "change_note": version.change_note,
        "fees": [
            {
                "name": f.name,
                "amount_vnd": f.amount_vnd,
                "payer": f.payer,
                "exemptions": f.exemptions,
                "channels": list(f.channels),
                "online_reduction_percent": f.online_reduction_percent,
                "note": f.note,
            }
            for f in version.fees.all()
        ],
        "components": [
            {
                "name": c.name,
                "copies": c.copies,
                "kind": c.kind,
                "requirement": c.requirement,
                "condition": c.condition,
                "reusable_from_data_store": c.reusable_from_data_store,
                "blank_form": c.blank_form.name if c.blank_form else "",
                "note": c.note,
            }
            for c in version.components.all()
        ],
        "processes": [
            {
                "implementing_agency": p.implementing_agency.identifier_code if p.implementing_agency else None,
                "decision_number": p.decision_number,
                "decision_date": p.decision_date.isoformat() if p.decision_date else None,
                "effective_from": p.effective_from.isoformat() if p.effective_from else None,
                "is_illustrative": p.is_illustrative,
                "steps": [
                    {
                        "name": s.name,
                        "actor_kind": s.actor_kind,
                        "role": s.role,
                        "agency": s.agency.identifier_code if s.agency else None,
                        "duration_value": _decimal_out(s.duration_value),
                        "duration_unit": s.duration_unit,
                        "allowed_actions": list(s.allowed_actions),
                        "is_interagency": s.is_interagency,
                        "parallel_group": s.parallel_group,
                        "skippable": s.skippable,
                    }
                    for s in p.steps.all()
                ],
            }
            for p in sorted(
                version.processes.all(),
                key=lambda p: p.implementing_agency.identifier_code if p.implementing_agency else "",
            )
        ],
    }


_VALUES: dict[Any, tuple[str, ...]] = {}


def _values(choices: Any) -> tuple[str, ...]:
    """The values of a choices class, computed once (``TextChoices.values`` builds a new list each time)."""
    if choices not in _VALUES:
        _VALUES[choices] = tuple(choices.values)
    return _VALUES[choices]


class _Cleaner:
    """Reads one raw mapping field by field, recording problems under a path prefix."""

    def __init__(self, raw: Mapping[str, Any], path: str, problems: list[Problem]):
        self.raw, self.path, self.problems = raw, path, problems

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(f"{self.path}{key}", message))

    def text(self, key: str, *, required: bool = False, max_length: int = 500) -> str:
        value = self.raw.get(key)
        value = "" if value is None else normalise(str(value))
        if required and not value:
            self.fail(key, "Không được để trống.")
        elif len(value) > max_length:
            self.fail(key, f"Dài quá {max_length} ký tự.")
        return value

    def choice(self, key: str, choices: type[Any], *, default: str | None = None, blank: bool = False) -> str:
        value = self.raw.get(key)
        if value in (None, "") and (default is not None or blank):
            return default or ""
        if value not in _values(choices):
            self.fail(key, f"Giá trị “{value}” không hợp lệ; chọn một trong: {', '.join(choices.values)}.")
            return default or ""
        return str(value)

    def choices_list(self, key: str, choices: type[Any] | tuple[str, ...]) -> list[str]:
        value = self.raw.get(key) or []
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        allowed = choices if isinstance(choices, tuple) else _values(choices)
        bad = [v for v in value if v not in allowed]
        if bad:
            self.fail(key, f"Giá trị không hợp lệ: {', '.join(map(str, bad))}; chọn trong: {', '.join(allowed)}.")
        return [v for v in value if v in allowed]

    def boolean(self, key: str, *, default: bool = False) -> bool:
        value = self.raw.get(key)
        if value in (None, ""):
            return default
        if isinstance(value, bool):
            return value
        if str(value).strip().lower() in {"1", "true", "có", "co", "x"}:
            return True
        if str(value).strip().lower() in {"0", "false", "không", "khong"}:
            return False
        self.fail(key, f"“{value}” không phải giá trị có/không.")
        return default

    def decimal(self, key: str, *, required: bool = False, allow_zero: bool = False) -> Decimal | None:
        value = self.raw.get(key)
        if value in (None, ""):
            if required:
                self.fail(key, "Không được để trống.")
            return None
        try:
            number = Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            self.fail(key, f"“{value}” không phải là số.")
            return None
        if not number.is_finite() or number < 0 or (number == 0 and not allow_zero) or number > Decimal("99999"):
            self.fail(key, "Phải là số không âm." if allow_zero else "Phải là số dương.")
            return None
        return number

    def integer(
        self, key: str, *, default: int | None = None, minimum: int = 0, maximum: int = MAX_INTEGER
    ) -> int | None:
        value = self.raw.get(key)
        if value in (None, ""):
            return default
        try:
            number = int(Decimal(str(value)))
            if Decimal(str(value)) != number:
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            self.fail(key, f"“{value}” không phải là số nguyên.")
            return default
        if number < minimum:
            self.fail(key, f"Không được nhỏ hơn {minimum}.")
            return default
        if number > maximum:
            self.fail(key, f"Không được lớn hơn {maximum:,}.".replace(",", "."))
            return default
        return number

    def day(self, key: str, *, required: bool = False) -> date | None:
        value = self.raw.get(key)
        if value in (None, ""):
            if required:
                self.fail(key, "Không được để trống.")
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for parse in (_iso_date, _vn_date):
            parsed = parse(text)
            if parsed is not None:
                return parsed
        self.fail(key, f"“{value}” không phải ngày hợp lệ (dd/mm/yyyy).")
        return None

    def items(self, key: str, clean_one: Callable[[_Cleaner], dict[str, Any]]) -> list[dict[str, Any]]:
        value = self.raw.get(key) or []
        if not isinstance(value, list):
            self.fail(key, "Phải là một danh sách.")
            return []
        cleaned = []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, Mapping):
                self.problems.append(Problem(f"{self.path}{key}[{index}]", "Phải là một đối tượng."))
                continue
            cleaned.append(clean_one(_Cleaner(item, f"{self.path}{key}[{index}].", self.problems)))
        return cleaned


def _iso_date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _vn_date(text: str) -> date | None:
    parts = text.split("/")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        return None
    try:
        return date(int(parts[2]), int(parts[1]), int(parts[0]))
    except ValueError:
        return None


def column_limit(model: Any, name: str) -> int:
    """The column's length, so a file fails here, row by row, and never in the database."""
    return int(model._meta.get_field(name).max_length)


def _clean_fee(c: _Cleaner) -> dict[str, Any]:
    return {
        "name": c.text("name", required=True, max_length=column_limit(Fee, "name")),
        "amount_vnd": c.integer("amount_vnd", maximum=MAX_AMOUNT_VND),
        "payer": c.text("payer", max_length=column_limit(Fee, "payer")),
        "exemptions": c.text("exemptions", max_length=5000),
        "channels": c.choices_list("channels", Channel),
        "online_reduction_percent": _percent(c, "online_reduction_percent"),
        "note": c.text("note", max_length=5000),
    }


def _percent(c: _Cleaner, key: str) -> int:
    value = c.integer(key, default=0) or 0
    if value > 100:
        c.fail(key, "Tỷ lệ giảm không được lớn hơn 100%.")
        return 0
    return value


def _clean_component(c: _Cleaner) -> dict[str, Any]:
    name, note = (
        c.text("name", required=True, max_length=column_limit(Component, "name")),
        c.text("note", max_length=10000),
    )
    cleaned: dict[str, Any] = {
        "name": name,
        "copies": c.integer("copies", default=1, minimum=1, maximum=1000),
        "kind": c.choice("kind", ComponentKind, default=ComponentKind.ORIGINAL),
        "reusable_from_data_store": c.boolean("reusable_from_data_store"),
        "blank_form": c.text("blank_form", max_length=column_limit(Component, "blank_form")),
        "note": note,
    }
    cleaned["requirement"], cleaned["condition"] = _requirement(c, name, note)
    return cleaned


def _requirement(c: _Cleaner, name: str, note: str) -> tuple[str, str]:
    """Stated (``requirement`` + ``condition``), else the older yes/no ``mandatory``, else read from the
    wording: a note "chỉ khi…" makes a component conditional, never mandatory for everyone."""
    requirement = c.choice("requirement", ComponentRequirement, blank=True)
    condition = c.text("condition", max_length=column_limit(Component, "condition"))
    if not requirement:
        derived, derived_condition = requirement_from_text(name, note)
        if c.raw.get("mandatory") not in (None, "") and not c.boolean("mandatory") and derived == "always":
            derived = ComponentRequirement.OPTIONAL
        requirement, condition = derived, condition or derived_condition
    if requirement == ComponentRequirement.CONDITIONAL and not condition:
        c.fail("condition", "Nêu rõ trường hợp phải nộp thành phần này.")
    return requirement, condition if requirement == ComponentRequirement.CONDITIONAL else ""


def _clean_step(c: _Cleaner) -> dict[str, Any]:
    return {
        "name": c.text("name", required=True, max_length=column_limit(ProcessStep, "name")),
        "actor_kind": c.choice("actor_kind", StepActorKind),
        "role": c.choice("role", Role),
        "agency": c.text("agency", max_length=35).upper() or None,
        "duration_value": c.decimal("duration_value", required=True, allow_zero=True),
        "duration_unit": c.choice("duration_unit", _StepUnit),
        "allowed_actions": c.choices_list("allowed_actions", StepAction),
        "is_interagency": c.boolean("is_interagency"),
        "parallel_group": c.text("parallel_group", max_length=column_limit(ProcessStep, "parallel_group")),
        "skippable": c.boolean("skippable"),
    }


class _StepUnit:
    values = list(STEP_DURATION_UNITS)


def _clean_process(c: _Cleaner) -> dict[str, Any]:
    process = {
        "implementing_agency": c.text("implementing_agency", max_length=35).upper() or None,
        "decision_number": c.text("decision_number", max_length=60),
        "decision_date": c.day("decision_date"),
        "effective_from": c.day("effective_from"),
        "is_illustrative": c.boolean("is_illustrative"),
        "steps": c.items("steps", _clean_step),
    }
    if not process["steps"]:
        c.fail("steps", "Quy trình phải có ít nhất một bước.")
    return process


def clean_version(raw: Mapping[str, Any], *, path: str = "") -> tuple[VersionData, list[Problem]]:
    """Check and normalise a raw version mapping. Returns the data and every problem found."""
    problems: list[Problem] = []
    c = _Cleaner(raw, path, problems)
    information_only = c.boolean("information_only")
    data: VersionData = {
        "effective_from": c.day("effective_from", required=True),
        "effective_until": c.day("effective_until"),
        "legal_time_value": c.decimal("legal_time_value"),
        "legal_time_unit": c.choice("legal_time_unit", DurationUnit, blank=information_only),
        "information_only": information_only,
        "reduced_time_value": c.decimal("reduced_time_value"),
        "reduced_time_unit": c.choice("reduced_time_unit", DurationUnit, blank=True),
        "levels": c.choices_list("levels", UnitLevel),
        "applicant_types": c.choices_list("applicant_types", ApplicantKind),
        "online_level": c.choice("online_level", OnlineLevel, default=OnlineLevel.NONE),
        "channels": c.choices_list("channels", Channel),
        "resolved_at_centre": c.boolean("resolved_at_centre"),
        "requires_financial_obligation_pause": c.boolean("requires_financial_obligation_pause"),
        "result_name": c.text("result_name", max_length=column_limit(ProcedureVersion, "result_name")),
        "result_kind": c.choice("result_kind", ResultKind, default=ResultKind.OTHER),
        "result_electronic_allowed": c.boolean("result_electronic_allowed"),
        "legal_basis": c.text("legal_basis", max_length=10000),
        "submission_place": c.text("submission_place", max_length=5000),
        "publication_decision_number": c.text(
            "publication_decision_number", max_length=column_limit(ProcedureVersion, "publication_decision_number")
        ),
        "publication_decision_date": c.day("publication_decision_date"),
        "competent_agencies": sorted({code.strip().upper() for code in c.raw.get("competent_agencies") or []}),
        "change_note": c.text("change_note", max_length=column_limit(ProcedureVersion, "change_note")),
        "fees": c.items("fees", _clean_fee),
        "components": c.items("components", _clean_component),
        "processes": c.items("processes", _clean_process),
    }
    _check_consistency(c, data)
    return data, problems


def _check_consistency(c: _Cleaner, data: VersionData) -> None:
    unit = data["legal_time_unit"]
    if unit == DurationUnit.SAME_DAY and data["legal_time_value"] is not None:
        c.fail("legal_time_value", "Thủ tục giải quyết trong ngày không ghi số ngày/giờ.")
    if unit and unit != DurationUnit.SAME_DAY and data["legal_time_value"] is None:
        c.fail("legal_time_value", "Cần ghi thời hạn giải quyết.")
    reduced_unit = data["reduced_time_unit"]
    if reduced_unit and reduced_unit != DurationUnit.SAME_DAY and data["reduced_time_value"] is None:
        c.fail("reduced_time_value", "Cần ghi thời hạn cắt giảm.")
    if not reduced_unit and data["reduced_time_value"] is not None:
        c.fail("reduced_time_unit", "Cần ghi đơn vị của thời hạn cắt giảm.")
    if not data["levels"]:
        c.fail("levels", "Chọn ít nhất một cấp thực hiện.")
    if not data["channels"]:
        c.fail("channels", "Chọn ít nhất một cách thức thực hiện.")
    if data["online_level"] != OnlineLevel.NONE and Channel.ONLINE not in data["channels"]:
        c.fail("channels", "Thủ tục có dịch vụ công trực tuyến phải cho phép nộp trực tuyến.")
    until = data["effective_until"]
    if until and data["effective_from"] and until < data["effective_from"]:
        c.fail("effective_until", "Ngày hết hiệu lực phải sau ngày áp dụng.")
