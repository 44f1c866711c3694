"""Entry points of the documents context for the delivery apps (back office, API).

``render_dossier_form(dossier, form_no)`` → PDF of forms 01–06, signed by the issuing agency; ``render_ledger_pdf`` /
``render_ledger_xlsx`` → Form 07 (Sổ theo dõi hồ sơ) of an agency for a period.
"""

from __future__ import annotations

from datetime import date

from motcua.documents import forms, issued, register
from motcua.dossiers.models import Dossier
from motcua.organisations.models import Agency

FormNotAvailable = forms.FormNotAvailable
available_forms = forms.available_forms


def render_dossier_form(dossier: Dossier, form_no: str) -> bytes:
    """The form as issued: signed by the issuing agency when it holds a key, and kept (``issued``)."""
    return issued.issued_form(form_no, dossier)


def render_ledger_pdf(agency: Agency, start: date, end: date) -> bytes:
    return register.register_pdf(agency, start, end)


def render_ledger_xlsx(agency: Agency, start: date, end: date) -> bytes:
    return register.register_xlsx(agency, start, end)
