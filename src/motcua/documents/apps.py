from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "motcua.documents"
    label = "documents"

    def ready(self) -> None:
        # The dossier engine issues refusal notices through a port; this app renders them.
        from motcua.documents.forms import render_refusal_for_signing
        from motcua.dossiers.services.notices import provide_refusal_renderer

        provide_refusal_renderer(render_refusal_for_signing)
