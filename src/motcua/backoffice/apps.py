from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "motcua.backoffice"
    label = "backoffice"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from motcua.backoffice.middleware import start_sign_in

        user_logged_in.connect(start_sign_in, dispatch_uid="motcua_start_sign_in")
