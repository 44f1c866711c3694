"""What the verification endpoints answer: each signature of a PDF, as the portal page shows it."""

from __future__ import annotations

from rest_framework import serializers


class CertificateSerializer(serializers.Serializer):
    subject = serializers.CharField()
    issuer = serializers.CharField()
    serial = serializers.CharField(help_text="Số hiệu chứng thư (hệ 16).")
    valid_from = serializers.DateTimeField()
    valid_until = serializers.DateTimeField()
    is_test = serializers.BooleanField(help_text="Chứng thư của CA thử nghiệm: không có giá trị pháp lý.")


class SignatureSerializer(serializers.Serializer):
    field = serializers.CharField(help_text="Tên trường chữ ký trong tệp PDF.")
    signer = serializers.CharField(help_text="Tên trên chứng thư của người (cơ quan) ký.")
    signed_at = serializers.DateTimeField(allow_null=True, help_text="Thời gian ký theo máy của người ký.")
    timestamp_at = serializers.DateTimeField(allow_null=True, help_text="Thời gian ký theo dấu thời gian (RFC 3161).")
    intact = serializers.BooleanField(help_text="Nội dung đã ký không bị thay đổi và chữ ký đúng về mật mã.")
    trusted = serializers.BooleanField(help_text="Chứng thư dẫn tới một CA gốc được tin cậy.")
    changed_after = serializers.BooleanField(help_text="Văn bản bị sửa sau chữ ký này (ngoài các chữ ký thêm sau).")
    covers_whole_file = serializers.BooleanField()
    valid = serializers.BooleanField(help_text="Nguyên vẹn và không bị sửa sau khi ký.")
    problem = serializers.CharField(help_text="Vì sao không kiểm tra được chữ ký (trống nếu kiểm tra được).")
    chain = CertificateSerializer(many=True, help_text="Chuỗi chứng thư, từ người ký tới CA gốc.")


class VerificationSerializer(serializers.Serializer):
    sha256 = serializers.CharField()
    size = serializers.IntegerField(help_text="Dung lượng tệp (byte).")
    all_valid = serializers.BooleanField()
    long_term = serializers.BooleanField(
        help_text="Dữ liệu kiểm tra dài hạn (chuỗi chứng thư, danh sách thu hồi) được nhúng trong tệp (PAdES B-LT)."
    )
    signatures = SignatureSerializer(many=True)


class SignedDocumentSerializer(serializers.Serializer):
    name = serializers.CharField()
    purpose = serializers.CharField(
        help_text="result (kết quả), receipt (biên lai), notice (thông báo), form (biểu mẫu) hoặc certified_copy "
        "(bản sao chứng thực điện tử)."
    )
    reference = serializers.CharField(help_text="Số, ký hiệu hoặc mã hồ sơ.")
    agency = serializers.CharField(source="agency.name")
    signed_at = serializers.DateTimeField()
    sha256 = serializers.CharField()


class DocumentVerificationSerializer(serializers.Serializer):
    document = SignedDocumentSerializer()
    verification = VerificationSerializer()


class VerifyRequestSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Tệp PDF có chữ ký số.")
