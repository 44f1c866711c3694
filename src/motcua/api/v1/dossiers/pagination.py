"""Paging for dossier lists: the total is counted up to a cap so page 1 stays fast on millions of rows."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

from motcua.api.pagination import Pagination
from motcua.dossiers.selectors.inboxes import COUNT_CAP
from motcua.dossiers.selectors.step_rows import capped_count


class CappedPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        # SELECT COUNT(*) FROM (… LIMIT cap+1): stops after cap+1 rows instead of counting them all.
        return capped_count(self.object_list, COUNT_CAP)


class DossierPagination(Pagination):
    """Like the API's pagination, but ``count`` stops at 1 001 and ``count_capped`` says so."""

    django_paginator_class = CappedPaginator

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count_capped"] = {
            "type": "boolean",
            "description": f"True when there are more than {COUNT_CAP:,} results (count shows {COUNT_CAP + 1}).",
        }
        return response

    def get_paginated_response(self, data: Any) -> Any:
        response = super().get_paginated_response(data)
        assert self.page is not None  # noqa: S101 - set by paginate_queryset
        response.data["count_capped"] = self.page.paginator.count > COUNT_CAP
        return response
