from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "motcua.accounts"
    label = "accounts"
    verbose_name = "Cán bộ, tổ chức và cá nhân"

    def ready(self) -> None:
        # Registers the receiver that remembers when a sign-in lock ends.
        from motcua.accounts import lockout  # noqa: F401
