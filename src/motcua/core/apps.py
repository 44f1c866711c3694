from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "motcua.core"
    label = "core"

    def ready(self) -> None:
        from motcua.core import checks  # noqa: F401 - registers the production checks
