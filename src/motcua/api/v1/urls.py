"""Version 1 of the API. Each bounded context registers its routes in its own module under ``v1``."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("calendar/", include("motcua.api.v1.calendar")),
    path("procedures/", include("motcua.api.v1.catalogue.urls")),
    path("statistics/", include("motcua.api.v1.statistics.views")),
    path("", include("motcua.api.v1.feedback.urls")),
    path("signatures/", include("motcua.api.v1.signatures.views")),
    path("documents/", include("motcua.api.v1.documents.views")),
    path("", include("motcua.api.v1.dossiers.urls")),
]
