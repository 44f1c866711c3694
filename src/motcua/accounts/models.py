"""People: officials (users with roles per agency), applicants (citizens, businesses, organisations) and the
external identity providers citizens sign in with."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Upper

from motcua.core.models import AuditEvent, FoldedNameModel
from motcua.organisations.models import Agency


class User(AbstractUser):
    """Login account of an official or a citizen. The full name is one field, never split."""

    full_name = models.CharField("họ và tên", max_length=200, blank=True)
    phone = models.CharField("số điện thoại", max_length=15, blank=True)
    # Set when the holder proved by a one-time code sent by SMS that the phone is theirs; cleared on change.
    phone_verified_at = models.DateTimeField("thời điểm xác minh số điện thoại", null=True, blank=True)

    class Meta:
        verbose_name = "tài khoản"
        verbose_name_plural = "tài khoản"
        # Intake checks that a contact given for one identity is not another's (and sign-in finds an
        # account by phone or e-mail in any letter case): both read these columns at every request.
        indexes = [
            models.Index(fields=["phone"], name="user_phone"),
            models.Index(Upper("email"), name="user_email_upper"),
        ]

    def __str__(self) -> str:
        return self.full_name or self.username


class ExternalIdentity(models.Model):
    """A citizen's account at an OpenID Connect provider (issuer + subject), linked to a login account.

    The table was created by the portal app and moved here (migration ``accounts.0005``), rows kept.
    """

    issuer = models.CharField("nhà cung cấp định danh", max_length=255)
    subject = models.CharField("mã định danh tại nhà cung cấp", max_length=255)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="external_identities", verbose_name="tài khoản"
    )
    linked_at = models.DateTimeField("thời điểm liên kết")
    last_login_at = models.DateTimeField("lần đăng nhập gần nhất")

    class Meta:
        verbose_name = "định danh liên kết"
        verbose_name_plural = "định danh liên kết"
        constraints = [models.UniqueConstraint(fields=["issuer", "subject"], name="unique_external_identity")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.subject}"


class Role(models.TextChoices):
    ONE_STOP_OFFICER = "one_stop_officer", "Cán bộ một cửa"
    SPECIALIST = "specialist", "Chuyên viên xử lý"
    HEAD_OF_DIVISION = "head_of_division", "Lãnh đạo phòng"
    LEADER = "leader", "Lãnh đạo cơ quan"
    CLERK = "clerk", "Văn thư"
    CATALOGUE_MANAGER = "catalogue_manager", "Cán bộ quản lý TTHC"
    ADMINISTRATOR = "administrator", "Quản trị hệ thống"


class Membership(models.Model):
    """An official acts in an agency in a role. What they see and do is scoped by these rows."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name="cán bộ")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name="cơ quan")
    role = models.CharField("vai trò", max_length=32, choices=Role.choices)
    title = models.CharField("chức danh", max_length=100, blank=True)
    is_active = models.BooleanField("đang hiệu lực", default=True)

    class Meta:
        verbose_name = "vai trò của cán bộ"
        verbose_name_plural = "vai trò của cán bộ"
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="unique_membership")]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.agency}"


class ApplicantKind(models.TextChoices):
    CITIZEN = "citizen", "Công dân"
    BUSINESS = "business", "Doanh nghiệp"
    ORGANISATION = "organisation", "Tổ chức"


class Applicant(FoldedNameModel):
    """Who submits dossiers. Citizens carry a 12-digit personal ID, businesses a tax code."""

    folded_source = "full_name"

    kind = models.CharField("loại đối tượng", max_length=16, choices=ApplicantKind.choices)
    full_name = models.CharField("họ và tên / tên tổ chức", max_length=255)
    name_folded = models.CharField(max_length=255, db_index=True, editable=False)
    id_number = models.CharField("số định danh cá nhân", max_length=12, blank=True, db_index=True)
    tax_code = models.CharField("mã số thuế", max_length=14, blank=True, db_index=True)
    date_of_birth = models.DateField("ngày sinh", null=True, blank=True)
    phone = models.CharField("số điện thoại", max_length=15, blank=True, db_index=True)
    email = models.EmailField("thư điện tử", blank=True)
    address = models.CharField("địa chỉ", max_length=300, blank=True)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applicant_profiles",
        verbose_name="tài khoản cổng dịch vụ công",
    )

    class Meta:
        verbose_name = "tổ chức, cá nhân"
        verbose_name_plural = "tổ chức, cá nhân"
        # The contact check of intake compares e-mails in any letter case (phone has its own index).
        indexes = [models.Index(Upper("email"), name="applicant_email_upper")]
        # One record per person or business: services find an applicant by these numbers.
        constraints = [
            models.UniqueConstraint(
                fields=["id_number"],
                condition=~models.Q(id_number=""),
                name="unique_applicant_id_number",
                violation_error_message="Số định danh cá nhân này đã có trong hồ sơ của người khác.",
            ),
            models.UniqueConstraint(
                fields=["tax_code"],
                condition=~models.Q(tax_code=""),
                name="unique_applicant_tax_code",
                violation_error_message="Mã số thuế này đã có trong hồ sơ của tổ chức khác.",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name


class AccountEvent(AuditEvent):
    """Audit trail of people: memberships granted or revoked, applicants created or updated."""

    user = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="account_events", verbose_name="tài khoản"
    )
    applicant = models.ForeignKey(
        Applicant, on_delete=models.PROTECT, null=True, blank=True, related_name="events", verbose_name="đối tượng"
    )

    class Meta(AuditEvent.Meta):
        verbose_name = "nhật ký tài khoản"
        verbose_name_plural = "nhật ký tài khoản"

    def __str__(self) -> str:
        return self.action


class CodePurpose(models.TextChoices):
    VERIFY_PHONE = "verify_phone", "Xác minh số điện thoại"
    RESET_PASSWORD = "reset_password", "Đặt lại mật khẩu"


class OneTimeCode(models.Model):
    """A one-time code sent by SMS (accounts/otp.py). Only its keyed hash is stored, never the code."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="one_time_codes", verbose_name="tài khoản")
    purpose = models.CharField("mục đích", max_length=20, choices=CodePurpose.choices)
    phone = models.CharField("gửi tới số", max_length=15)
    code_hash = models.CharField("mã đã băm", max_length=64)
    created_at = models.DateTimeField("thời điểm gửi")
    expires_at = models.DateTimeField("hết hạn lúc")
    attempts = models.PositiveSmallIntegerField("số lần nhập sai", default=0)
    used_at = models.DateTimeField("thời điểm dùng", null=True, blank=True)

    class Meta:
        verbose_name = "mã xác nhận một lần"
        verbose_name_plural = "mã xác nhận một lần"
        indexes = [models.Index(fields=["user", "purpose", "created_at"], name="accounts_otp_latest")]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} – {self.user}"
