"""VNPAY 2.1.0: what the gateway sends and how it checks what comes back (pure parts and the URL)."""

import hashlib
import hmac
from datetime import UTC, datetime
from urllib.parse import urlsplit

import pytest

from motcua.payments.gateways.vnpay import config, protocol, signing, statement
from motcua.payments.gateways.vnpay.config import SIMULATOR_SECRET, SIMULATOR_TMN_CODE
from motcua.payments.gateways.vnpay.gateway import VnpayGateway, outcome_of, plain_text
from motcua.payments.interface import CheckoutRequest, GatewayOutcome, InvalidCallback, StatementKind

from .vnpay_helpers import start


def test_query_data_is_sorted_url_encoded_and_skips_the_hash_and_empty_values():
    params = {
        "vnp_TxnRef": "TT1",
        "vnp_Amount": "5000000",
        "vnp_OrderInfo": "Le phi ho so: 50.000",
        "vnp_ReturnUrl": "https://dvc.example.vn/thanh-toan/vnpay/tra-ve/",
        "vnp_BankCode": "",
        "vnp_SecureHash": "abc",
        "vnp_SecureHashType": "HmacSHA512",
        "other": "x",
    }
    assert signing.query_data(params) == (
        "vnp_Amount=5000000&vnp_OrderInfo=Le+phi+ho+so%3A+50.000"
        "&vnp_ReturnUrl=https%3A%2F%2Fdvc.example.vn%2Fthanh-toan%2Fvnpay%2Ftra-ve%2F&vnp_TxnRef=TT1"
    )
    expected = hmac.new(b"key", signing.query_data(params).encode(), hashlib.sha512).hexdigest()
    assert signing.sign_query(params, "key") == expected
    assert signing.verify_query({**params, "vnp_SecureHash": expected.upper()}, "key")  # VNPAY may send upper case
    assert not signing.verify_query({**params, "vnp_SecureHash": expected}, "")  # no secret, nothing verifies


def test_api_signatures_join_the_fields_in_their_fixed_order():
    body = {name: name[4:] for name in protocol.QUERY_REQUEST_FIELDS} | {"vnp_Extra": "ignored"}
    assert signing.pipe_data(body, protocol.QUERY_REQUEST_FIELDS) == (
        "RequestId|Version|Command|TmnCode|TxnRef|TransactionDate|CreateDate|IpAddr|OrderInfo"
    )
    body["vnp_SecureHash"] = signing.sign_fields(body, protocol.QUERY_REQUEST_FIELDS, "k")
    assert signing.verify_fields(body, protocol.QUERY_REQUEST_FIELDS, "k")
    assert not signing.verify_fields({**body, "vnp_TxnRef": "other"}, protocol.QUERY_REQUEST_FIELDS, "k")
    assert protocol.REFUND_REQUEST_FIELDS[4] == "vnp_TransactionType"


@pytest.mark.parametrize(
    "moment,text",
    [
        (datetime(2026, 12, 5, 6, 5, tzinfo=UTC), "20261205130500"),  # 24-hour clock, GMT+7
        (datetime(2026, 12, 5, 17, 30, 9, tzinfo=UTC), "20261206003009"),  # next day in Vietnam
    ],
)
def test_moments_are_vietnam_time_on_a_24_hour_clock(moment, text):
    assert protocol.to_moment(moment) == text
    assert protocol.from_moment(text) == moment


@pytest.mark.parametrize("value,amount", [("5000000", 50_000), ("100", 1)])
def test_amounts_travel_times_100(value, amount):
    assert protocol.from_amount(value) == amount
    assert protocol.to_amount(amount) == value


@pytest.mark.parametrize("value", ["5000050", "-100", "abc"])
def test_an_amount_that_is_not_whole_dong_is_refused(value):
    with pytest.raises(ValueError):
        protocol.from_amount(value)


@pytest.mark.parametrize(
    "code,status,outcome",
    [
        ("00", "00", GatewayOutcome.SUCCEEDED),
        ("07", "07", GatewayOutcome.SUCCEEDED),  # money taken, under review at VNPAY
        ("24", "02", GatewayOutcome.CANCELLED),
        ("51", "02", GatewayOutcome.FAILED),
        ("00", "01", GatewayOutcome.FAILED),
    ],
)
def test_response_codes_map_to_outcomes(code, status, outcome):
    assert outcome_of(code, status) is outcome


def test_order_info_is_plain_vietnamese_without_diacritics():
    assert plain_text("Lệ phí: Đăng ký khai sinh (bản sao) #3") == "Le phi: Dang ky khai sinh ban sao 3"


@pytest.mark.django_db
def test_checkout_url_carries_the_signed_request(settings):
    settings.SITE_URL = "https://dichvucong.example.vn"
    payment, params = start(amount=1_250_000)
    assert params["vnp_Version"] == "2.1.0" and params["vnp_Command"] == "pay"
    assert params["vnp_TmnCode"] == SIMULATOR_TMN_CODE
    assert params["vnp_Amount"] == "125000000" and params["vnp_CurrCode"] == "VND"
    assert params["vnp_TxnRef"] == payment.reference
    assert params["vnp_OrderInfo"] == "Le phi cap giay phep xay dung"
    assert params["vnp_ReturnUrl"] == "https://dichvucong.example.vn/thanh-toan/vnpay/tra-ve/"
    assert params["vnp_IpAddr"] == "203.0.113.7"
    assert params["vnp_CreateDate"] == protocol.to_moment(payment.created_at)
    assert params["vnp_ExpireDate"] > params["vnp_CreateDate"]
    assert signing.verify_query(params, SIMULATOR_SECRET)


@pytest.mark.django_db
def test_checkout_url_goes_to_the_configured_payment_page(settings):
    payment = start()[0]
    url = VnpayGateway().checkout_url(CheckoutRequest(payment.reference, 1000, "x", "/", payment.created_at))
    assert urlsplit(url).path == "/vnpay-gia-lap/paymentv2/vpcpay.html"  # the simulator, in tests
    settings.PAYMENT_VNPAY_SIMULATOR = False
    settings.PAYMENT_VNPAY_TMN_CODE, settings.PAYMENT_VNPAY_HASH_SECRET = "TINHABC1", "a-real-secret"
    url = VnpayGateway().checkout_url(CheckoutRequest(payment.reference, 1000, "x", "/", payment.created_at))
    assert url.startswith("https://sandbox.vnpayment.vn/paymentv2/vpcpay.html?")
    assert "vnp_TmnCode=TINHABC1" in url


@pytest.mark.django_db
@pytest.mark.parametrize("field,value", [("vnp_Amount", "100"), ("vnp_ResponseCode", "00"), ("vnp_TxnRef", "TT2")])
def test_a_tampered_return_is_refused(field, value):
    params = {
        "vnp_Amount": "5000000",
        "vnp_ResponseCode": "24",
        "vnp_TmnCode": SIMULATOR_TMN_CODE,
        "vnp_TransactionNo": "1",
        "vnp_TransactionStatus": "02",
        "vnp_TxnRef": "TT1",
    }
    params["vnp_SecureHash"] = signing.sign_query(params, SIMULATOR_SECRET)
    assert VnpayGateway().parse_callback(params).outcome is GatewayOutcome.CANCELLED
    with pytest.raises(InvalidCallback) as error:
        VnpayGateway().parse_callback({**params, field: value})
    assert error.value.code == "invalid_signature"


@pytest.mark.django_db
def test_a_notice_for_another_terminal_is_refused():
    params = {"vnp_Amount": "100", "vnp_ResponseCode": "00", "vnp_TmnCode": "OTHER", "vnp_TransactionStatus": "00"}
    params["vnp_TxnRef"] = "TT1"
    params["vnp_SecureHash"] = signing.sign_query(params, SIMULATOR_SECRET)
    with pytest.raises(InvalidCallback):
        VnpayGateway().parse_callback(params)


STATEMENT = (
    ",".join(statement.COLUMNS)
    + "\n"
    + """MOTCUA01,TT1,14000001,01,5000000,20261204093000,00,NCB
MOTCUA01,TT2,14000002,01,2000000,20261204100000,02,NCB
OTHER,TT3,14000003,01,2000000,20261204100000,00,NCB
MOTCUA01,TT1,14000004,02,5000000,20261204160000,00,NCB
"""
)


def test_statement_keeps_the_successful_rows_of_the_terminal():
    lines = statement.parse(STATEMENT, "MOTCUA01")
    assert [(x.reference, x.amount_vnd, x.kind) for x in lines] == [
        ("TT1", 50_000, StatementKind.PAYMENT),
        ("TT1", 50_000, StatementKind.REFUND),
    ]
    assert lines[0].moment == datetime(2026, 12, 4, 2, 30, tzinfo=UTC)


def test_statement_with_vietnamese_headings_is_read():
    text = ",".join(
        (
            "Mã website",
            "Mã giao dịch thanh toán",
            "Mã giao dịch VNPAY",
            "Loại giao dịch",
            "Số tiền",
            "Thời gian thanh toán",
            "Trạng thái",
            "Ngân hàng",
        )
    )
    text += "\n"
    text += "MOTCUA01,TT1,14000001,01,5000000,20261204093000,00,NCB\n"
    assert [x.reference for x in statement.parse(text, "MOTCUA01")] == ["TT1"]


@pytest.mark.parametrize(
    "text", ["vnp_TmnCode,vnp_TxnRef\nA,B\n", STATEMENT.replace("5000000,20261204093000", "50,20261204093000")]
)
def test_a_malformed_statement_is_refused(text):
    with pytest.raises(statement.StatementError):
        statement.parse(text, "MOTCUA01")


def test_deploy_checks_refuse_the_simulator_and_a_vnpay_without_keys(settings):
    from motcua.payments.checks import vnpay_check

    assert [e.id for e in vnpay_check()] == ["motcua.payments.E002"]  # on in tests
    settings.PAYMENT_VNPAY_SIMULATOR = False
    settings.PAYMENT_GATEWAY = "vnpay"
    assert [e.id for e in vnpay_check()] == ["motcua.payments.E003"]
    settings.PAYMENT_VNPAY_TMN_CODE, settings.PAYMENT_VNPAY_HASH_SECRET = "TINHABC1", "a-real-secret"
    assert vnpay_check() == []
    assert "a-real-secret" not in repr(config.current())  # never in a log line or an error page
