"""The fixed list of what another system's key may be allowed to do (its scopes)."""

from __future__ import annotations

from django.db import models


class Scope(models.TextChoices):
    DOSSIERS_READ = "dossiers:read", "Đọc hồ sơ"
    DOSSIERS_WRITE = "dossiers:write", "Tiếp nhận, xử lý hồ sơ"
    CATALOGUE_READ = "catalogue:read", "Đọc danh mục thủ tục"
    CATALOGUE_WRITE = "catalogue:write", "Cập nhật danh mục thủ tục"
    FEEDBACK_WRITE = "feedback:write", "Gửi đánh giá mức độ hài lòng"
    REPORTS_READ = "reports:read", "Đọc phản ánh, kiến nghị"
    REPORTS_WRITE = "reports:write", "Gửi, xử lý phản ánh, kiến nghị (cả Open311)"


SCOPES = frozenset(Scope.values)

# A key reads as "<prefix>.<secret>": the prefix finds the row, the secret is checked against its hash.
PREFIX_BYTES = 6
SECRET_BYTES = 32
# last_used_at is bookkeeping: written at most this often per client, not on every request.
LAST_USED_RESOLUTION_SECONDS = 60


class WebhookEvent(models.TextChoices):
    """What a partner may subscribe to."""

    DOSSIER_RECEIVED = "dossier.received", "Hồ sơ được tiếp nhận"
    STATUS_CHANGED = "dossier.status_changed", "Hồ sơ chuyển trạng thái"
    RESULT_READY = "dossier.result_ready", "Hồ sơ có kết quả"
