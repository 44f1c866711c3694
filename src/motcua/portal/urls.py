from django.urls import path

from motcua.portal import account_views, dossier_views, oidc_views, payment_views, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    # Citizens' accounts
    path("dang-ky/", account_views.register, name="register"),
    path("dang-nhap/", account_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", account_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", account_views.profile, name="profile"),
    path("quen-mat-khau/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/da-gui/", account_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", account_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("dang-nhap/dinh-danh/", oidc_views.oidc_login, name="oidc_login"),
    path("dang-nhap/dinh-danh/ket-qua/", oidc_views.oidc_callback, name="oidc_callback"),
    # Payments returning from the gateway
    path("thanh-toan/ket-qua/<slug:gateway>/", payment_views.payment_callback, name="payment_callback"),
    # Dossiers of the signed-in citizen, and tracking without an account
    path("ho-so-cua-toi/", dossier_views.my_dossiers, name="my_dossiers"),
    path("tra-cuu-ho-so/", dossier_views.track, name="track"),
]
