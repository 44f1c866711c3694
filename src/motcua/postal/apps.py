from django.apps import AppConfig


class PostalConfig(AppConfig):
    name = "motcua.postal"
    label = "postal"
    verbose_name = "Bưu chính công ích"

    def ready(self) -> None:
        from motcua.outbox import destinations
        from motcua.postal import operators

        destinations.register(operators.DESTINATION_PREFIX, operators.resolve_destination)
