"""Routes of the dossier API (mounted at /api/v1/)."""

from django.urls import path

from motcua.api.v1.dossiers import actions, postal, views

urlpatterns = [
    path("dossiers/", views.DossierListView.as_view(), name="dossier-list"),
    path("dossiers/register.<slug:fmt>", views.RegisterView.as_view(), name="dossier-register"),
    path("dossiers/<str:code>/", views.DossierDetailView.as_view(), name="dossier-detail"),
    *actions.urlpatterns(),  # one route per workflow action, and 404 `unknown_action` for any other name
    path("dossiers/<str:code>/fees/adjustment/", views.DossierFeeAdjustmentView.as_view(), name="dossier-fee-adjust"),
    path("dossiers/<str:code>/fees/refunds/", views.DossierFeeRefundView.as_view(), name="dossier-fee-refund"),
    path("dossiers/<str:code>/dvcqg/", views.DossierNationalPortalView.as_view(), name="dossier-dvcqg"),
    *postal.urlpatterns,
    path("dossiers/<str:code>/forms/<slug:form_no>.pdf", views.DossierFormView.as_view(), name="dossier-form"),
    path("public/dossiers/<str:code>/", views.PublicLookupView.as_view(), name="public-dossier"),
]
