from django.urls import path

from motcua.payments.gateways.sandbox import views

app_name = "sandbox_payments"
urlpatterns = [
    path("", views.checkout, name="checkout"),
]
