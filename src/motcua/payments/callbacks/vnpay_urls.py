from django.urls import path

from motcua.payments.callbacks import vnpay as views

app_name = "vnpay"
urlpatterns = [
    path("ipn/", views.ipn, name="ipn"),
    path("tra-ve/", views.browser_return, name="return"),
]
