from django.urls import path

from motcua.portal import (
    account_views,
    catalogue_views,
    certified_views,
    dossier_views,
    feedback_views,
    group_views,
    oidc_views,
    payment_views,
    phone_views,
    signature_views,
    statistics_views,
    submission_views,
    views,
)

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("thong-ke/", statistics_views.statistics, name="statistics"),
    # Public catalogue of procedures
    path("thu-tuc/", catalogue_views.catalogue, name="catalogue"),
    path("thu-tuc/<str:code>/", catalogue_views.procedure_detail, name="procedure_detail"),
    path("thu-tuc/<str:code>/mau/<int:component_id>/", catalogue_views.blank_form, name="procedure_form"),
    path("nhom-thu-tuc/<str:code>/", group_views.group_detail, name="group_detail"),
    # Citizens' accounts
    path("dang-ky/", account_views.register, name="register"),
    path("dang-nhap/", account_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", account_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", account_views.profile, name="profile"),
    path("tai-khoan/ban-sao-chung-thuc/", certified_views.my_copies, name="certified_copies"),
    path(
        "tai-khoan/ban-sao-chung-thuc/<int:copy_id>/tai-ve/", certified_views.download, name="certified_copy_download"
    ),
    path("tai-khoan/xac-minh-so-dien-thoai/", phone_views.verify_phone, name="verify_phone"),
    path("quen-mat-khau/", account_views.PasswordResetView.as_view(), name="password_reset"),
    path("quen-mat-khau/so-dien-thoai/", phone_views.password_reset_phone, name="password_reset_phone"),
    path(
        "quen-mat-khau/so-dien-thoai/nhap-ma/",
        phone_views.password_reset_phone_confirm,
        name="password_reset_phone_confirm",
    ),
    path("quen-mat-khau/da-gui/", account_views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "dat-lai-mat-khau/<uidb64>/<token>/",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("dat-lai-mat-khau/xong/", account_views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("dang-nhap/dinh-danh/", oidc_views.oidc_login, name="oidc_login"),
    path("dang-nhap/dinh-danh/ket-qua/", oidc_views.oidc_callback, name="oidc_callback"),
    # Payments returning from the gateway
    path("thanh-toan/ket-qua/<slug:gateway>/", payment_views.payment_callback, name="payment_callback"),
    # Dossiers of the signed-in citizen, and tracking without an account
    path("ho-so-cua-toi/", dossier_views.my_dossiers, name="my_dossiers"),
    path("tra-cuu-ho-so/", dossier_views.track, name="track"),
    # The address printed in notifications and on receipts (dossiers.notify.lookup_url).
    path("tra-cuu/", dossier_views.track, name="track_short"),
    # Verification of signed documents: any PDF uploaded, or a signed result's QR code (signatures.services).
    path("xac-thuc-van-ban/", signature_views.verify, name="signature_verify"),
    path("xac-thuc-van-ban/<str:token>/", signature_views.document, name="signature_document"),
    path("ho-so-cua-toi/<uuid:reference>/", dossier_views.detail, name="dossier_detail"),
    path("ho-so-cua-toi/<uuid:reference>/tep/<int:file_id>/", dossier_views.download_file, name="dossier_file"),
    path("ho-so-cua-toi/<uuid:reference>/bien-lai/", dossier_views.receipt, name="dossier_receipt"),
    path("ho-so-cua-toi/<uuid:reference>/mau/<str:form_no>/", dossier_views.form_pdf, name="dossier_form"),
    path("ho-so-cua-toi/<uuid:reference>/bo-sung/", dossier_views.supplement, name="dossier_supplement"),
    path("ho-so-cua-toi/<uuid:reference>/rut/", dossier_views.withdraw, name="dossier_withdraw"),
    path("ho-so-cua-toi/<uuid:reference>/danh-gia/", dossier_views.rate, name="dossier_rate"),
    # Citizen feedback (phản ánh, kiến nghị): send, follow without an account, rate; the published answers
    path("phan-anh/", feedback_views.answers, name="feedback_answers"),
    path("phan-anh/gui/", feedback_views.send, name="feedback_send"),
    path("phan-anh/da-gui/", feedback_views.sent, name="feedback_sent"),
    path("phan-anh/tra-cuu/", feedback_views.follow, name="feedback_follow"),
    path("phan-anh/theo-doi/<str:code>/", feedback_views.item, name="feedback_item"),
    path("phan-anh/cong-khai/<str:code>/", feedback_views.answer_detail, name="feedback_answer"),
    # Online submission
    path("nop-ho-so/<str:code>/", submission_views.start, name="submission_start"),
    path("nop-lien-thong/<str:code>/", group_views.group_start, name="group_start"),
    path("ho-so-lien-thong/<uuid:reference>/", group_views.group_application, name="group_application"),
    path("ho-so-nhap/<uuid:reference>/", submission_views.draft, name="draft"),
    path("ho-so-nhap/<uuid:reference>/nguoi-nop/", submission_views.draft_applicant, name="draft_applicant"),
    path(
        "ho-so-nhap/<uuid:reference>/tep/<int:file_id>/xoa/",
        submission_views.draft_remove_file,
        name="draft_remove_file",
    ),
    path("ho-so-nhap/<uuid:reference>/ban-sao/", certified_views.reuse_in_draft, name="draft_reuse_copy"),
    path("ho-so-nhap/<uuid:reference>/kiem-tra/", submission_views.review, name="draft_review"),
    path("ho-so-nhap/<uuid:reference>/thanh-toan/", submission_views.pay, name="draft_pay"),
    path("ho-so-nhap/<uuid:reference>/mien-phi/", submission_views.claim_exemption, name="draft_exemption"),
    path("ho-so-nhap/<uuid:reference>/nop/", submission_views.submit, name="draft_submit"),
]
