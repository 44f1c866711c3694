from django.apps import AppConfig


class DossiersConfig(AppConfig):
    name = "motcua.dossiers"
    label = "dossiers"

    def ready(self) -> None:
        from motcua.dossiers.payment_link import SUBJECT_KIND, on_dossier_paid
        from motcua.payments.hooks import on_paid

        on_paid(SUBJECT_KIND, on_dossier_paid)
