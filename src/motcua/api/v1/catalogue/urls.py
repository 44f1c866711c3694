"""Routes of the catalogue API under /api/v1/procedures/."""

from django.urls import path

from motcua.api.v1.catalogue import views

urlpatterns = [
    path("", views.ProcedureListView.as_view(), name="procedure-list"),
    path("<str:code>/", views.ProcedureDetailView.as_view(), name="procedure-detail"),
    path("<str:code>/versions/", views.ProcedureVersionCreateView.as_view(), name="procedure-version-create"),
    path("<str:code>/archive/", views.ProcedureArchiveView.as_view(), name="procedure-archive"),
]
