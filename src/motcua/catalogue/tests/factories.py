"""Catalogue test data. Procedures are built through the services, like real ones."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

import factory

from motcua.catalogue import services
from motcua.catalogue.models import Procedure, Sector

_codes = itertools.count(1)


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Sector
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"G99-TN{n:02d}")
    name = factory.Sequence(lambda n: f"Lĩnh vực thử nghiệm {n}")


def step(
    name: str, hours: str, *, role: str = "specialist", actor_kind: str = "division", **extra: Any
) -> dict[str, Any]:
    return {
        "name": name,
        "actor_kind": actor_kind,
        "role": role,
        "duration_value": hours,
        "duration_unit": "working_hours",
        "allowed_actions": ["forward"],
        **extra,
    }


def version_data(**overrides: Any) -> dict[str, Any]:
    """A complete, valid version mapping (3 working days, commune level, one fee, one component, a process)."""
    data: dict[str, Any] = {
        "effective_from": "2026-01-01",
        "legal_time_value": "3",
        "legal_time_unit": "working_days",
        "levels": ["commune"],
        "applicant_types": ["citizen"],
        "online_level": "full",
        "channels": ["counter", "online", "postal"],
        "result_name": "Giấy chứng nhận",
        "result_kind": "certificate",
        "fees": [{"name": "Lệ phí", "amount_vnd": 50000, "payer": "Người yêu cầu"}],
        "components": [{"name": "Tờ khai", "copies": 1, "kind": "original"}],
        "processes": [
            {
                "steps": [
                    step("Tiếp nhận", "4", role="one_stop_officer", actor_kind="one_stop_unit"),
                    step("Thẩm định", "12"),
                    step("Ký duyệt", "4", role="leader", actor_kind="leader", allowed_actions=["approve", "return"]),
                    step("Trả kết quả", "4", role="one_stop_officer", actor_kind="one_stop_unit"),
                ]
            }
        ],
    }
    data.update(overrides)
    return data


def make_procedure(
    name: str = "Thủ tục thử nghiệm",
    *,
    code: str | None = None,
    sector: Sector | None = None,
    actor: Any = None,
    **version: Any,
) -> Procedure:
    code = code or f"1.{900000 + next(_codes):06d}"
    return services.create_procedure(
        actor=actor, code=code, name=name, sector=sector or SectorFactory(), version=version_data(**version)
    )


FAR_PAST = date(2020, 1, 1)
