from django.urls import path

from motcua.payments.gateways.vnpay.simulator import views

# The same paths as VNPAY's own, under /vnpay-gia-lap/.
app_name = "vnpay_simulator"
urlpatterns = [
    path("paymentv2/vpcpay.html", views.pay, name="pay"),
    path("merchant_webapi/api/transaction", views.merchant_api, name="api"),
    path("doi-soat/<str:day>.csv", views.daily_statement, name="statement"),
]
