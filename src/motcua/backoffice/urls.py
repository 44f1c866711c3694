"""Back office for officials, mounted at /can-bo/."""

from django.urls import path

from motcua.backoffice.views import auth, home

app_name = "backoffice"
urlpatterns = [
    path("dang-nhap/", auth.login_view, name="login"),
    path("dang-xuat/", auth.logout_view, name="logout"),
    path("vai-tro/", auth.switch_view, name="switch"),
    path("", home.home_view, name="inbox"),
]
