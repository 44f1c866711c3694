"""Entry points of the documents context for the delivery apps (back office, API).

``render_dossier_form(dossier, form_no)`` → PDF of forms 01–06; ``render_ledger_pdf`` /
``render_ledger_xlsx`` → Form 07 (Sổ theo dõi hồ sơ) of an agency for a period.
"""

from __future__ import annotations

from datetime import date

from motcua.documents import forms, register
from motcua.dossiers.models import Dossier
from motcua.organisations.models import Agency

FormNotAvailable = forms.FormNotAvailable
available_forms = forms.available_forms


def render_dossier_form(dossier: Dossier, form_no: str) -> bytes:
    return forms.render_dossier_form(form_no, dossier)


def render_ledger_pdf(agency: Agency, start: date, end: date) -> bytes:
    return register.register_pdf(agency, start, end)


def render_ledger_xlsx(agency: Agency, start: date, end: date) -> bytes:
    return register.register_xlsx(agency, start, end)
