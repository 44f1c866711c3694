from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"

    def ready(self) -> None:
        from motcua.dossiers.payment_link import SUBJECT_KIND, on_dossier_paid, receipt_details
        from motcua.payments.hooks import on_paid
        from motcua.payments.receipts import provide_details

        on_paid(SUBJECT_KIND, on_dossier_paid)
        provide_details(SUBJECT_KIND, receipt_details)
