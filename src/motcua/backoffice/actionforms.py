"""One small form per dossier action, built from the action's input class (``dossiers/inputs.py``).

``form_for(transition)`` asks exactly for the fields the workflow table declares for that action,
with their Vietnamese labels, bounds and candidates; the form's values then go to
``services.perform``, which validates them once more in the domain and calls the service. What is
presentation only stays here: access keys, the widgets, the day and time asked apart.

Every form carries the dossier version the official saw (``version``): if someone else changed the
dossier meanwhile, the engine refuses with a conflict and the page keeps the input. Actions only
the applicant may take (online submission, rating…) are not offered here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from typing import Any, ClassVar

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _g

from motcua.backoffice.uploads import checked_uploads
from motcua.dossiers import input_fields as kinds
from motcua.dossiers import workflow
from motcua.dossiers.input_fields import FieldSpec
from motcua.dossiers.models import Dossier
from motcua.workdays.constants import VIETNAM_TZ

ACCESS_KEYS = {"accept": "a", "forward": "c", "approve": "p", "return_result": "r"}  # Alt+<key> opens the panel
FORM_NAMES = {"files": "attachments"}  # the name the pages have always sent files under
DEFAULT_TIME = time(16, 0)  # a new appointment is at the end of the afternoon unless said otherwise

# The actions an official may take here: those of the table held by an official's role.
OFFERED: tuple[str, ...] = tuple(t.name for t in workflow.TRANSITIONS if t.roles - {workflow.APPLICANT})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several PDF or image files, each checked by content and size (``backoffice.uploads``) before the engine."""

    def __init__(self, *args: Any, **kwargs: Any):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        files = [single(item, initial) for item in data] if isinstance(data, list | tuple) else [single(data, initial)]
        return checked_uploads([f for f in files if f])


def _date_time_names(name: str) -> tuple[str, str]:
    stem = name.removesuffix("_at")
    return f"{stem}_date", f"{stem}_time"


def _common(spec: FieldSpec, dossier: Dossier) -> dict[str, Any]:
    options: dict[str, Any] = {"label": _g(spec.label), "required": spec.required}
    # A hint about this dossier says more than the general help: it replaces it.
    hint = spec.hint(dossier) if spec.hint else ""
    help_text = hint or (_g(spec.help) if spec.help else "")
    if help_text:
        options["help_text"] = help_text
    if spec.initial is not None:
        options["initial"] = spec.initial(dossier)
    elif spec.default not in (None, "", ()):
        options["initial"] = spec.default
    return options


def _text(spec: FieldSpec, dossier: Dossier) -> forms.Field:
    widget = forms.Textarea(attrs={"rows": spec.rows}) if spec.rows else forms.TextInput()
    return forms.CharField(max_length=spec.max_length, widget=widget, **_common(spec, dossier))


def _lines(spec: FieldSpec, dossier: Dossier) -> forms.Field:
    if spec.options is not None:  # items listed for this dossier: ticked
        choices = [(item, item) for item in spec.options(dossier)]
        return forms.MultipleChoiceField(choices=choices, widget=forms.CheckboxSelectMultiple, **_common(spec, dossier))
    # One item per line; the input class splits and trims them.
    return forms.CharField(widget=forms.Textarea(attrs={"rows": spec.rows or 3}), **_common(spec, dossier))


def _integer(spec: FieldSpec, dossier: Dossier) -> forms.Field:
    return forms.IntegerField(min_value=spec.min_value, max_value=spec.max_value, **_common(spec, dossier))


def _decimal(spec: FieldSpec, dossier: Dossier) -> forms.Field:
    return forms.DecimalField(min_value=spec.min_value, max_value=spec.max_value, **_common(spec, dossier))


def _choice(spec: FieldSpec, dossier: Dossier) -> forms.Field:
    choices = [(value, _g(label)) for value, label in spec.choices]
    if not spec.required and spec.initial is None:
        choices.insert(0, ("", "—"))
    return forms.ChoiceField(choices=choices, **_common(spec, dossier))


def _files(spec: FieldSpec, dossier: Dossier) -> forms.Field:
    return MultipleFileField(**_common(spec, dossier))


def _pool(spec: FieldSpec, dossier: Dossier) -> Any:
    assert spec.candidates is not None  # noqa: S101 - references declare their candidates
    return spec.candidates(dossier)


def _one(spec: FieldSpec, dossier: Dossier) -> forms.Field:
    return forms.ModelChoiceField(queryset=_pool(spec, dossier), **_common(spec, dossier))


def _many(spec: FieldSpec, dossier: Dossier) -> forms.Field:
    options = _common(spec, dossier)
    how = _g("Giữ Ctrl (hoặc Shift) để chọn nhiều mục.")
    options["help_text"] = f"{how} {options.get('help_text', '')}".strip()
    widget = forms.SelectMultiple(attrs={"size": 6})
    return forms.ModelMultipleChoiceField(queryset=_pool(spec, dossier), widget=widget, **options)


def _mapping(spec: FieldSpec, dossier: Dossier) -> forms.Field:
    return forms.JSONField(**_common(spec, dossier))


def _bool(spec: FieldSpec, dossier: Dossier) -> forms.Field:
    return forms.BooleanField(**{**_common(spec, dossier), "required": False})


BUILDERS: dict[str, Callable[[FieldSpec, Dossier], forms.Field]] = {
    kinds.TEXT: _text,
    kinds.LINES: _lines,
    kinds.INTEGER: _integer,
    kinds.DECIMAL: _decimal,
    kinds.CHOICE: _choice,
    kinds.FILES: _files,
    kinds.OFFICIAL: _one,
    kinds.AGENCY: _one,
    kinds.AGENCIES: _many,
    kinds.MAPPING: _mapping,
    kinds.BOOL: _bool,
}


def _date_and_time(spec: FieldSpec, dossier: Dossier) -> tuple[forms.Field, forms.Field]:
    """A moment asked as a day (dd/mm/yyyy) and a time (HH:mm), as officials type them."""
    day = forms.DateField(
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"}, format="%d/%m/%Y"),
        **_common(spec, dossier),
    )
    hour = forms.TimeField(
        label=_g(spec.time_label or "Giờ (HH:mm)"),
        required=spec.required,
        initial=DEFAULT_TIME,
        input_formats=["%H:%M"],
        widget=forms.TimeInput(attrs={"placeholder": "HH:mm", "inputmode": "numeric"}, format="%H:%M"),
    )
    return day, hour


class ActionForm(forms.Form):
    """The form of one action (``form_for`` binds ``transition``): the version seen, then the inputs."""

    transition: ClassVar[workflow.Transition]
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, dossier: Dossier, **kwargs: Any):
        self.dossier = dossier
        kwargs.setdefault("initial", {}).setdefault("version", dossier.version)
        super().__init__(*args, **kwargs)
        self.asked_fields = self.asked()
        for name, spec in self.asked_fields.items():
            if spec.kind == kinds.DATETIME:
                day_name, time_name = _date_time_names(name)
                self.fields[day_name], self.fields[time_name] = _date_and_time(spec, dossier)
            else:
                self.fields[FORM_NAMES.get(name, name)] = BUILDERS[spec.kind](spec, dossier)

    def asked(self) -> dict[str, FieldSpec]:
        """The input's fields this form asks for, on this dossier."""
        return {
            name: spec
            for name, spec in self.transition.input.specs().items()
            if spec.in_forms and (spec.asked is None or spec.asked(self.dossier))
        }

    def field_name(self, input_name: str) -> str:
        """The form field showing an input's errors."""
        spec = self.transition.input.specs().get(input_name)
        if spec is not None and spec.kind == kinds.DATETIME:
            return _date_time_names(input_name)[0]
        return FORM_NAMES.get(input_name, input_name)

    def input_data(self) -> dict[str, Any]:
        """The cleaned values under the input's names, for ``services.perform``."""
        data: dict[str, Any] = {}
        for name, spec in self.asked_fields.items():
            if spec.kind == kinds.DATETIME:
                day_name, time_name = _date_time_names(name)
                day, hour = self.cleaned_data.get(day_name), self.cleaned_data.get(time_name)
                data[name] = datetime.combine(day, hour, tzinfo=VIETNAM_TZ) if day and hour else None
            else:
                value = self.cleaned_data.get(FORM_NAMES.get(name, name))
                data[name] = list(value) if spec.kind == kinds.AGENCIES and value is not None else value
        return data


def _form_class(transition: workflow.Transition) -> type[ActionForm]:
    name = "".join(part.capitalize() for part in transition.name.split("_")) + "Form"
    return type(name, (ActionForm,), {"transition": transition})


# One form class per action offered, built once from the table (the fields are added per dossier).
FORMS: dict[str, type[ActionForm]] = {name: _form_class(workflow.get(name)) for name in OFFERED}


def form_for(transition: workflow.Transition) -> type[ActionForm]:
    """The form class of an action offered here."""
    return FORMS[transition.name]


def offered(action: str) -> workflow.Transition | None:
    """The action if an official may take it on these pages, else ``None``."""
    return workflow.BY_NAME[action] if action in OFFERED else None
