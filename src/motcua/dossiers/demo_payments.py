"""Demo: an application paid through VNPAY (its local simulator) and a day's reconciliation with a difference.

The demo's portal keeps the sandbox gateway (PAYMENT_GATEWAY); these rows show what the VNPAY
gateway does when PAYMENT_VNPAY_SIMULATOR is on (``make demo`` turns it on):

- Nguyễn Văn An pays his application's online fee on the simulated VNPAY page; VNPAY's IPN
  confirms it and the application is sent with its receipt;
- he had opened the payment twice (two tabs) and paid in both: the second sum is recorded, never
  credited to the application again, and the day's reconciliation lists "a fee paid twice" for the
  provincial centre's officer (Đối soát thanh toán), who refunds it through VNPAY with a reason.

Idempotent: nothing is created when a VNPAY payment exists.
"""

from __future__ import annotations

from typing import TextIO
from urllib.parse import parse_qsl, urlsplit

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from motcua.accounts import demo as people
from motcua.accounts.models import Applicant, User
from motcua.catalogue.models import Procedure
from motcua.catalogue.selectors import fees_due_for, submittable_online, version_in_force
from motcua.core.exceptions import DomainError
from motcua.dossiers import services
from motcua.dossiers.constants import Channel, PaymentMethod
from motcua.dossiers.models import Dossier
from motcua.dossiers.payment_link import payment_subject
from motcua.organisations import demo as org
from motcua.organisations.models import Agency
from motcua.payments import services as payments
from motcua.payments.gateways.vnpay.gateway import VnpayGateway
from motcua.payments.gateways.vnpay.simulator import ledger
from motcua.payments.models import Payment
from motcua.payments.reconciliation import reconcile_statement

GATEWAY = "vnpay"


def load(stdout: TextIO) -> None:
    if not settings.PAYMENT_VNPAY_SIMULATOR:
        stdout.write("Demo VNPAY payment: skipped (PAYMENT_VNPAY_SIMULATOR is off).\n")
        return
    if Payment.objects.filter(gateway=GATEWAY).exists():
        stdout.write("Demo VNPAY payment: already present.\n")
        return
    found = _procedure_with_online_fee()
    if found is None:
        stdout.write("Demo VNPAY payment: no procedure of the demo catalogue takes an online fee.\n")
        return
    procedure, amount = found
    citizen = User.objects.get(username=people.CONGDAN)
    centre = Agency.objects.get(identifier_code=org.TTPVHCC_TINH_CODE)
    try:
        draft = _draft(procedure, Applicant.objects.get(id_number=people.CITIZEN_AN_ID), citizen, centre)
        first, second = _start(draft, amount, citizen), _start(draft, amount, citizen)
        ledger.pay(first)  # the payer's visit: VNPAY's IPN reaches this site in the same process
        ledger.pay(second)
        sent = services.submit_online(
            draft, actor=citizen, payment_method=PaymentMethod.NONE, result_delivery="counter"
        )
    except DomainError as exc:
        stdout.write(f"Demo VNPAY payment stopped: {exc.code}: {exc.message}\n")
        return
    today = timezone.localdate()
    run = reconcile_statement(gateway=GATEWAY, day=today, lines=VnpayGateway().statement(today))
    stdout.write(
        f"Demo VNPAY payment: {sent.code} paid {amount:,} đồng through the simulator; reconciliation of "
        f"{today:%d/%m/%Y}: {run.statement_lines} transactions at VNPAY, the fee paid twice.\n"
    )


def _procedure_with_online_fee() -> tuple[Procedure, int] | None:
    today = timezone.localdate()
    for procedure in Procedure.objects.order_by("code"):
        try:
            version = version_in_force(procedure, today)
        except Exception:  # noqa: S112 - a procedure without a version in force is not a candidate
            continue
        if not submittable_online(version) or not version.at_province_level:
            continue
        total = sum(line.amount_vnd or 0 for line in fees_due_for(version.pk, Channel.ONLINE))
        if total > 0 and all(line.amount_vnd is not None for line in fees_due_for(version.pk, Channel.ONLINE)):
            return procedure, total
    return None


def _draft(procedure: Procedure, applicant: Applicant, citizen: User, centre: Agency) -> Dossier:
    draft = services.create_online_draft(applicant, procedure, actor=citizen, receiving_agency=centre)
    for component in draft.components.all():
        scan = SimpleUploadedFile("ho-so.pdf", b"%PDF-1.4\n% demo scan\n", content_type="application/pdf")
        services.attach_file_to_component(draft, component.pk, scan, actor=citizen)
    return draft


def _start(draft: Dossier, amount: int, payer: User) -> dict[str, str]:
    """Open a VNPAY payment of the draft's fee; the signed request the simulated page receives."""
    _payment, url = payments.start_payment(
        amount_vnd=amount,
        description=f"Phí, lệ phí: {draft.procedure.name}"[:255],
        callback_url=reverse("portal:payment_callback", args=[GATEWAY]),
        return_url=reverse("portal:draft_review", kwargs={"reference": draft.reference}),
        subject=payment_subject(draft),
        actor=payer,
        gateway_name=GATEWAY,
        client_ip="113.160.0.10",
    )
    request = ledger.verified_request(dict(parse_qsl(urlsplit(url).query)))
    if request is None:
        raise DomainError("The simulator refused the payment request.", code="simulator_refused")
    return request
