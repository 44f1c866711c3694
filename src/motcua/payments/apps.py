from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "motcua.payments"
    label = "payments"

    def ready(self) -> None:
        from motcua.payments import checks  # noqa: F401 - registers the deployment checks
