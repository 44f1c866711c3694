from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "motcua.catalogue"
    label = "catalogue"
