from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"

    def ready(self) -> None:
        from motcua.dossiers.payment_link import SUBJECT_KIND, on_dossier_paid, receipt_details
        from motcua.payments.hooks import on_paid
        from motcua.payments.receipts import provide_details

        on_paid(SUBJECT_KIND, on_dossier_paid)
        from motcua.dossiers.services.base import WHEN_RESOLVED
        from motcua.dossiers.services.postal import on_tracking, return_when_ready
        from motcua.postal.hooks import on_tracking as on_postal_tracking

        on_postal_tracking(on_tracking)
        if return_when_ready not in WHEN_RESOLVED:
            WHEN_RESOLVED.append(return_when_ready)
        provide_details(SUBJECT_KIND, receipt_details)
