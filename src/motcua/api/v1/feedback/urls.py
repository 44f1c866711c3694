"""Routes of the feedback API (mounted at /api/v1/)."""

from django.urls import path

from motcua.api.v1.feedback import views

urlpatterns = [
    path("feedback/categories/", views.CategoryListView.as_view(), name="feedback-categories"),
    path("feedback/", views.SubmitView.as_view(), name="feedback-submit"),
    path("feedback/items/", views.ItemListView.as_view(), name="feedback-items"),
    path("feedback/items/<str:code>/", views.ItemDetailView.as_view(), name="feedback-item"),
    path("feedback/items/<str:code>/actions/<str:action>/", views.ItemActionView.as_view(), name="feedback-action"),
    path("feedback/figures/", views.FiguresView.as_view(), name="feedback-figures"),
    path("public/feedback/answers/", views.PublicAnswerListView.as_view(), name="feedback-public-answers"),
    path("public/feedback/<str:code>/", views.PublicTrackView.as_view(), name="feedback-track"),
    path("public/feedback/<str:code>/rating/", views.PublicRatingView.as_view(), name="feedback-rate"),
]
