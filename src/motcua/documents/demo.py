"""Signed forms in the demo: the forms issued for a few dossiers of each kind (receipt, supplement request,
refusal at intake, apology and extension, stop notice, control sheet), signed by the issuing agency with its
TEST key and kept, as a download would issue them. Idempotent: forms already issued are served, not signed
again. Skipped without the test CA."""

from __future__ import annotations

from typing import TextIO

from django.conf import settings

from motcua.documents.forms import available_forms
from motcua.documents.issued import issued_form
from motcua.dossiers.models import Dossier

PER_FORM = 2  # dossiers per form number


def load(stdout: TextIO) -> None:
    if settings.PRODUCTION or not settings.SIGNATURE_PASSPHRASE:
        stdout.write("Forms: no test CA, forms stay unsigned.\n")
        return
    issued: dict[str, int] = {}
    for dossier in (
        Dossier.objects.exclude(code=None)
        .select_related("procedure", "procedure_version", "receiving_agency", "competent_agency")
        .order_by("pk")[:200]
    ):  # the dossiers demo's, made before the operations history
        for form_no in available_forms(dossier):
            if issued.get(form_no, 0) >= PER_FORM:
                continue
            issued_form(form_no, dossier)
            issued[form_no] = issued.get(form_no, 0) + 1
        if len(issued) == 6 and all(n >= PER_FORM for n in issued.values()):
            break
    stdout.write(f"Forms: signed forms issued ({', '.join(f'{k}: {v}' for k, v in sorted(issued.items()))}).\n")
