"""Working-calendar endpoints (filled in by the workdays context)."""

urlpatterns: list = []
