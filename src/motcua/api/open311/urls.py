"""Open311 GeoReport v2 routes (mounted at /api/open311/v2/); ``fmt`` is json or xml."""

from django.urls import path

from motcua.api.open311 import views

urlpatterns = [
    path("discovery.<slug:fmt>", views.DiscoveryView.as_view(), name="open311-discovery"),
    path("services.<slug:fmt>", views.ServiceListView.as_view(), name="open311-services"),
    path("services/<slug:code>.<slug:fmt>", views.ServiceDefinitionView.as_view(), name="open311-service"),
    path("requests.<slug:fmt>", views.RequestListView.as_view(), name="open311-requests"),
    path("requests/<str:code>.<slug:fmt>", views.RequestDetailView.as_view(), name="open311-request"),
]
