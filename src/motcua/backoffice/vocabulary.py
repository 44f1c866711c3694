"""Labels the back office shows but the dossier engine defines: inbox names, action titles and inputs.

The engine keeps its Vietnamese labels (they are the national portal's names and are written in
the dossier history). Listing them here with ``gettext_noop`` puts them in the back office's
catalogue, so templates (``{% translate box.label %}``) and views (``gettext(label)``) can show
them in English. ``tests/test_languages.py`` checks that every inbox and action is listed.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop

INBOX_LABELS = (
    gettext_noop("Chờ tiếp nhận"),
    gettext_noop("Chờ phân công"),
    gettext_noop("Chờ xử lý"),
    gettext_noop("Chờ phê duyệt"),
    gettext_noop("Xin ý kiến, liên thông"),
    gettext_noop("Chờ trả kết quả"),
    gettext_noop("Chờ bổ sung"),
    gettext_noop("Sắp đến hạn (1 ngày làm việc)"),
    gettext_noop("Quá hạn"),
    gettext_noop("Tất cả"),
)

ACTION_LABELS = (
    gettext_noop("Tiếp nhận hồ sơ"),
    gettext_noop("Yêu cầu bổ sung, hoàn thiện hồ sơ (khi tiếp nhận)"),
    gettext_noop("Nộp lại hồ sơ đã bổ sung (khi tiếp nhận)"),
    gettext_noop("Từ chối tiếp nhận hồ sơ"),
    gettext_noop("Phân công cán bộ xử lý"),
    gettext_noop("Chuyển bước tiếp theo"),
    gettext_noop("Trả lại bước trước"),
    gettext_noop("Xin ý kiến cơ quan phối hợp"),
    gettext_noop("Trả lời xin ý kiến"),
    gettext_noop("Chuyển liên thông cơ quan cấp khác"),
    gettext_noop("Trả kết quả liên thông về cơ quan tiếp nhận"),
    gettext_noop("Yêu cầu bổ sung hồ sơ (sau thẩm định)"),
    gettext_noop("Tiếp nhận hồ sơ bổ sung"),
    gettext_noop("Yêu cầu thực hiện nghĩa vụ tài chính"),
    gettext_noop("Xác nhận đã thực hiện nghĩa vụ tài chính"),
    gettext_noop("Xin lỗi và gia hạn thời gian giải quyết"),
    gettext_noop("Phê duyệt kết quả"),
    gettext_noop("Từ chối giải quyết (sau thẩm định)"),
    gettext_noop("Đính kèm kết quả, hoàn thành xử lý"),
    gettext_noop("Trả kết quả cho tổ chức, cá nhân"),
    gettext_noop("Yêu cầu rút hồ sơ"),
    gettext_noop("Dừng giải quyết hồ sơ"),
)

# Actions of the applicant and events outside the workflow table (``dossiers.events``): never
# offered here, but shown in the dossier history.
HISTORY_LABELS = (
    gettext_noop("Cập nhật hồ sơ nháp"),
    gettext_noop("Nộp hồ sơ trực tuyến"),
    gettext_noop("Nộp hồ sơ bổ sung"),
    gettext_noop("Đánh giá mức độ hài lòng"),
    gettext_noop("Ghi nhận hồ sơ (cấp mã)"),
    gettext_noop("Tạo hồ sơ nháp"),
    gettext_noop("Ghi nhận nộp phí, lệ phí"),
    gettext_noop("Điều chỉnh phí, lệ phí phải nộp"),
    gettext_noop("Hoàn trả phí, lệ phí"),
    gettext_noop("Tạo đơn bưu chính công ích"),
    gettext_noop("Cập nhật hành trình bưu gửi"),
    gettext_noop("Cập nhật hồ sơ"),
)

# Messages of the inbox filters (``inboxes.parse_filters``), translated where they are shown.
FILTER_ERRORS = (
    gettext_noop("Ngày không hợp lệ (dd/mm/yyyy)."),
    gettext_noop("Trạng thái không hợp lệ."),
    gettext_noop("Kênh nộp không hợp lệ."),
    gettext_noop("“Đến ngày” phải sau “từ ngày”."),
)

# Texts of the shared base.html that every back-office page shows.
BASE_LABELS = (
    gettext_noop("Bỏ qua, đến nội dung chính"),
    gettext_noop("Điều hướng chính"),
)

# Labels, hints and time labels of the action inputs (``dossiers/inputs.py``) that the action forms
# show through ``gettext``; choice names (return methods) stay Vietnamese like the other TextChoices.
ACTION_INPUT_LABELS = (
    gettext_noop("Ghi chú"),
    gettext_noop("Giấy tờ cần bổ sung, hoàn thiện (mỗi dòng một nội dung)"),
    gettext_noop("Liệt kê đầy đủ một lần: người nộp chỉ phải bổ sung một lần."),
    gettext_noop("Nội dung đã yêu cầu bổ sung: đánh dấu những giấy tờ đã nhận"),
    gettext_noop("Giấy tờ không được đánh dấu là còn thiếu."),
    gettext_noop("Giấy tờ khác đã nhận (mỗi dòng một giấy tờ)"),
    gettext_noop("Bản quét giấy tờ bổ sung (PDF, ảnh)"),
    gettext_noop("Vẫn tiếp nhận dù chưa đủ các nội dung đã yêu cầu (ghi rõ lý do vào ghi chú)"),
    gettext_noop("Lý do"),
    gettext_noop("Cán bộ xử lý"),
    gettext_noop("Cán bộ xử lý bước tiếp theo"),
    gettext_noop("Để trống: bước tiếp theo được phân công theo quy tắc của cơ quan."),
    gettext_noop("Tài liệu kèm theo (PDF, ảnh)"),
    gettext_noop("Cơ quan phối hợp"),
    gettext_noop("Mỗi cơ quan trả lời trong cùng thời hạn."),
    gettext_noop("Nội dung xin ý kiến"),
    gettext_noop("Thời hạn trả lời (ngày làm việc)"),
    gettext_noop("Nội dung trả lời, kết quả"),
    gettext_noop("Văn bản kèm theo (PDF, ảnh)"),
    gettext_noop("Cơ quan cấp khác"),
    gettext_noop("Nội dung chuyển liên thông"),
    gettext_noop("Thời hạn giải quyết ở cơ quan nhận (ngày làm việc)"),
    gettext_noop("Số tiền nghĩa vụ tài chính (đồng)"),
    gettext_noop("Ngày hẹn trả mới"),
    gettext_noop("Giờ hẹn trả (HH:mm)"),
    gettext_noop("Lý do chậm trễ (in trên Phiếu xin lỗi và hẹn lại, Mẫu 04)"),
    gettext_noop("Tệp kết quả (PDF, ảnh)"),
    gettext_noop("Lý do bỏ qua các bước còn lại"),
    gettext_noop("Chỉ khi còn bước của quy trình chưa thực hiện mà quy trình cho phép bỏ qua."),
    gettext_noop("Hình thức trả"),
    gettext_noop("Mặc định: cách nhận kết quả người nộp đã đăng ký."),
    gettext_noop("Người nhận kết quả"),
    gettext_noop("Số vận đơn bưu chính"),
    gettext_noop("Lý do rút hồ sơ"),
)
