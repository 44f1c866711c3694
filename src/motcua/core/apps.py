from typing import Any

from django.apps import AppConfig
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


def _register_guard(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    from motcua.core import audit

    if connection.vendor == "sqlite":
        audit.register_sqlite_guard(connection)


def _reseal(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """Re-install the append-only triggers after every migrate.

    The migrations install them; SQLite drops a table's triggers when a later migration rebuilds the
    table (altering a column), and a new audit table needs them too, so they are checked again here.
    """
    from django.db import connections

    from motcua.core import audit
    from motcua.core.models import audit_models

    connection = connections[using]
    existing = set(connection.introspection.table_names())
    tables = [m._meta.db_table for m in audit_models() if m._meta.db_table in existing]
    audit.seal(connection, audit.unsealed(connection, tables))


class CoreConfig(AppConfig):
    name = "motcua.core"
    label = "core"

    def ready(self) -> None:
        connection_created.connect(_register_guard, dispatch_uid="motcua_audit_guard")
        post_migrate.connect(_reseal, sender=self, dispatch_uid="motcua_audit_reseal")
        from motcua.core import checks  # noqa: F401 - registers the production checks
