"""Vietnamese dates are day/month/year in every form."""

import datetime

from django import forms
from django.utils import translation


class _DateForm(forms.Form):
    day = forms.DateField()
    moment = forms.DateTimeField()


def test_vietnamese_forms_read_day_month_year() -> None:
    with translation.override("vi"):
        form = _DateForm(data={"day": "08/03/2026", "moment": "08/03/2026 14:30"})
        assert form.is_valid(), form.errors
    assert form.cleaned_data["day"] == datetime.date(2026, 3, 8)
    assert form.cleaned_data["moment"].date() == datetime.date(2026, 3, 8)


def test_vietnamese_date_display() -> None:
    from django.utils.formats import date_format

    with translation.override("vi"):
        assert date_format(datetime.date(2026, 4, 28), "SHORT_DATE_FORMAT") == "28/04/2026"
