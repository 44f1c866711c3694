"""Reads of the signatures context: the active key of an agency or an official, signed documents."""

from __future__ import annotations

from django.db.models import QuerySet

from motcua.accounts.models import User
from motcua.organisations.models import Agency
from motcua.signatures.models import DocumentPurpose, SignedDocument, SigningKey


def agency_key(agency: Agency) -> SigningKey | None:
    """The key the agency signs with now, or None: its documents are then issued unsigned."""
    return SigningKey.objects.filter(agency=agency, is_active=True).first()


def official_key(user: User) -> SigningKey | None:
    return SigningKey.objects.filter(user=user, is_active=True).first()


def signed_document(token: str) -> SignedDocument | None:
    return SignedDocument.objects.select_related("agency").filter(token=token).first()


def electronic_results(agency: Agency | None = None) -> QuerySet[SignedDocument]:
    """Results issued as signed electronic documents (Decision 766 counts them), of one agency or all."""
    rows = SignedDocument.objects.filter(purpose=DocumentPurpose.RESULT)
    return rows.filter(agency=agency) if agency is not None else rows


def signed_tokens(reference: str) -> dict[str, str]:
    """The verification tokens of the documents signed for ``reference`` (a dossier's code), by file name."""
    if not reference:
        return {}
    rows = SignedDocument.objects.filter(reference=reference).order_by("signed_at", "pk").values_list("name", "token")
    return dict(rows)  # a name signed again: the latest wins
