from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "motcua.operations"
    label = "operations"
    verbose_name = "Điều hành, thống kê"

    def ready(self) -> None:
        from motcua.operations.maintain import connect

        connect()  # the aggregates follow each dossier change in its own transaction
