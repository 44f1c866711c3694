from django.urls import path

from motcua.postal import simulator, views

app_name = "postal"
urlpatterns = [
    path("thong-bao/", views.tracking_callback, name="callback"),
    # The local simulator of the operator (404 unless POSTAL_OPERATOR is "sandbox").
    path("thu-nghiem/token/", simulator.token, name="simulator_token"),
    path("thu-nghiem/don-hang/", simulator.orders, name="simulator_orders"),
    path("thu-nghiem/hanh-trinh/", simulator.tracking, name="simulator_tracking"),
]
