from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "motcua.outbox"
    label = "outbox"
    verbose_name = "Gửi dữ liệu sang hệ thống khác"

    def ready(self) -> None:
        from motcua.outbox import checks  # noqa: F401 - registers the settings check
