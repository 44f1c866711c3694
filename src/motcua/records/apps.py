from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "motcua.records"
    label = "records"
    verbose_name = "Văn bản đến, văn bản đi"
