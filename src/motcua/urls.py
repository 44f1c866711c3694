"""Root URL configuration: the citizen portal at /, the back office, the admin and the API."""

from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path

from motcua import health, metrics

admin.site.site_header = "Một Cửa: quản trị hệ thống"
admin.site.site_title = "Một Cửa"
admin.site.index_title = "Quản trị"

urlpatterns: list[URLPattern | URLResolver] = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", metrics.metrics, name="metrics"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("motcua.api.v1.urls")),
    path("api/open311/v2/", include("motcua.api.open311.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("can-bo/", include("motcua.backoffice.urls")),
    # The sandbox payment gateway stands in for an external bank site; real gateways have no pages here.
    path("thanh-toan/thu-nghiem/", include("motcua.payments.gateways.sandbox.urls")),
    # VNPAY's calls to this site: the payer's return and the server-to-server notification (IPN).
    path("thanh-toan/vnpay/", include("motcua.payments.callbacks.vnpay_urls")),
    # The postal operator's tracking callbacks, and the local simulator of the operator (404 unless the
    # operator is the sandbox).
    path("buu-chinh/", include("motcua.postal.urls")),
    path("", include("motcua.portal.urls")),
]
if settings.PAYMENT_VNPAY_SIMULATOR:
    # VNPAY's side, played locally (development, demo, tests); never mounted in production.
    urlpatterns.insert(-1, path("vnpay-gia-lap/", include("motcua.payments.gateways.vnpay.simulator.urls")))
# Uploaded files (MEDIA_ROOT) are never served as such, not even in debug: only through views that
# check who may see each file (motcua.core.serving), so an uploaded page never runs on this origin.
