"""The constants and pure conversions of VNPAY's payment API 2.1.0 (no Django, no I/O).

Amounts travel multiplied by 100 (no decimal point); moments as ``yyyyMMddHHmmss`` in Vietnam time
(GMT+7) on a 24-hour clock.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VERSION = "2.1.0"
CURRENCY = "VND"
ORDER_TYPE = "billpayment"  # VNPAY's category for bills and fees
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MOMENT_FORMAT = "%Y%m%d%H%M%S"

# vnp_ResponseCode of a payment (return and IPN) and of the merchant API.
RESPONSE_SUCCESS = "00"
RESPONSE_SUSPECTED = "07"  # money taken, the transaction is under review: treated as paid
RESPONSE_CANCELLED = "24"  # the payer cancelled on VNPAY's page
RESPONSE_MESSAGES = {
    "00": "Giao dịch thành công",
    "07": "Trừ tiền thành công. Giao dịch bị nghi ngờ (liên quan tới lừa đảo, giao dịch bất thường).",
    "09": "Thẻ/Tài khoản chưa đăng ký dịch vụ InternetBanking tại ngân hàng.",
    "10": "Xác thực thông tin thẻ/tài khoản không đúng quá 3 lần",
    "11": "Đã hết hạn chờ thanh toán.",
    "12": "Thẻ/Tài khoản bị khóa.",
    "13": "Nhập sai mật khẩu xác thực giao dịch (OTP).",
    "24": "Khách hàng hủy giao dịch",
    "51": "Tài khoản không đủ số dư để thực hiện giao dịch.",
    "65": "Tài khoản đã vượt quá hạn mức giao dịch trong ngày.",
    "75": "Ngân hàng thanh toán đang bảo trì.",
    "79": "Nhập sai mật khẩu thanh toán quá số lần quy định.",
    "99": "Các lỗi khác",
}
# vnp_TransactionStatus: the state of the transaction at VNPAY (return, IPN, querydr).
STATUS_SUCCESS = "00"
STATUS_PENDING = "01"
STATUS_ERROR = "02"
STATUS_REVERSED = "04"
STATUS_REFUND_PROCESSING = "05"
STATUS_REFUND_SENT = "06"
STATUS_SUSPECTED = "07"
STATUS_REFUND_REFUSED = "09"

# What the merchant answers an IPN with (JSON {"RspCode", "Message"}), as VNPAY's documentation lists them.
IPN_CONFIRMED = ("00", "Confirm Success")
IPN_ORDER_NOT_FOUND = ("01", "Order not found")
IPN_ALREADY_CONFIRMED = ("02", "Order already confirmed")
IPN_INVALID_AMOUNT = ("04", "invalid amount")
IPN_INVALID_SIGNATURE = ("97", "Invalid signature")
IPN_UNKNOWN_ERROR = ("99", "Unknow error")  # spelled so in VNPAY's documentation

# Merchant API (querydr, refund): one JSON POST endpoint, a fixed field order for each signature.
COMMAND_QUERY = "querydr"
COMMAND_REFUND = "refund"
REFUND_FULL = "02"
REFUND_PARTIAL = "03"
PAYMENT_TRANSACTION = "01"
QUERY_REQUEST_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_TransactionDate",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
QUERY_RESPONSE_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
    "vnp_PromotionCode",
    "vnp_PromotionAmount",
)
REFUND_REQUEST_FIELDS = (
    "vnp_RequestId",
    "vnp_Version",
    "vnp_Command",
    "vnp_TmnCode",
    "vnp_TransactionType",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_TransactionNo",
    "vnp_TransactionDate",
    "vnp_CreateBy",
    "vnp_CreateDate",
    "vnp_IpAddr",
    "vnp_OrderInfo",
)
REFUND_RESPONSE_FIELDS = (
    "vnp_ResponseId",
    "vnp_Command",
    "vnp_ResponseCode",
    "vnp_Message",
    "vnp_TmnCode",
    "vnp_TxnRef",
    "vnp_Amount",
    "vnp_BankCode",
    "vnp_PayDate",
    "vnp_TransactionNo",
    "vnp_TransactionType",
    "vnp_TransactionStatus",
    "vnp_OrderInfo",
)
# The API's own response codes (querydr/refund), where they differ from a payment's.
API_MESSAGES = {
    "00": "Yêu cầu thành công",
    "02": "Mã định danh kết nối không hợp lệ",
    "03": "Dữ liệu gửi sang không đúng định dạng",
    "91": "Không tìm thấy giao dịch yêu cầu",
    "94": "Yêu cầu bị trùng lặp trong thời gian giới hạn của API",
    "95": "Giao dịch này không thành công bên VNPAY. VNPAY từ chối xử lý yêu cầu.",
    "97": "Checksum không hợp lệ",
    "99": "Các lỗi khác",
}


def to_moment(value: datetime) -> str:
    return value.astimezone(VIETNAM).strftime(MOMENT_FORMAT)


def from_moment(value: str) -> datetime:
    return datetime.strptime(value, MOMENT_FORMAT).replace(tzinfo=VIETNAM)


def to_amount(amount_vnd: int) -> str:
    return str(amount_vnd * 100)


def from_amount(value: str) -> int:
    """vnp_Amount back to đồng; an amount that is not a whole number of đồng is refused."""
    raw = int(value)
    if raw < 0 or raw % 100:
        raise ValueError(f"invalid vnp_Amount {value!r}")
    return raw // 100
