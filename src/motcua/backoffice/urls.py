from django.urls import path

from motcua.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.index, name="index"),
]
