from django.apps import AppConfig


class IntegrationsConfig(AppConfig):
    name = "motcua.integrations"
    label = "integrations"
    verbose_name = "Kết nối hệ thống khác"

    def ready(self) -> None:
        from motcua.integrations import webhooks
        from motcua.outbox import destinations

        destinations.register("webhook", webhooks.resolve)
