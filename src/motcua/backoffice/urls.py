"""Back office for officials, mounted at /can-bo/."""

from django.urls import path

from motcua.backoffice.views import (
    auth,
    certification,
    dossier,
    feedback,
    group_intake,
    inbox,
    intake,
    operations,
    printing,
    twofactor,
    unit,
)

app_name = "backoffice"
urlpatterns = [
    path("dang-nhap/", auth.login_view, name="login"),
    path("dang-xuat/", auth.logout_view, name="logout"),
    path("xac-thuc/", twofactor.two_factor_view, name="two_factor"),
    path("xac-thuc/thiet-lap/", twofactor.setup_view, name="two_factor_setup"),
    path("xac-thuc/ma-khoi-phuc/", twofactor.recovery_codes_view, name="two_factor_recovery"),
    path("vai-tro/", auth.switch_view, name="switch"),
    path("vai-tro/quan-tri/", auth.act_as_view, name="act_as"),
    path("", inbox.inbox_view, name="inbox"),
    path("tiep-nhan/", intake.intake_view, name="intake"),
    path("tiep-nhan/thu-tuc/", intake.procedure_search_partial, name="intake_search"),
    path("tiep-nhan/nguoi-nop/", intake.applicant_lookup_partial, name="intake_applicant"),
    path("tiep-nhan/hen-tra/", intake.due_preview_partial, name="intake_due"),
    path("tiep-nhan/lien-thong/<str:code>/", group_intake.group_intake_view, name="intake_group"),
    path("ho-so/<str:code>/", dossier.dossier_view, name="dossier"),
    path("ho-so/<str:code>/thao-tac/<str:action>/", dossier.action_view, name="action"),
    path("ho-so/<str:code>/tep/<int:file_id>/", dossier.file_view, name="file"),
    path("ho-so/<str:code>/phi-le-phi/<str:action>/", dossier.fee_view, name="fees"),
    path("ho-so/<str:code>/mau-<str:form_no>.pdf", printing.form_pdf_view, name="form_pdf"),
    path("so-theo-doi/", printing.ledger_view, name="ledger"),
    path("chung-thuc/", certification.issue_view, name="certification"),
    path("chung-thuc/so/", certification.register_view, name="certification_register"),
    path("chung-thuc/<int:copy_id>/ban-sao.pdf", certification.copy_view, name="certification_copy"),
    path("phan-anh/", feedback.inbox_view, name="feedback_inbox"),
    path("phan-anh/ghi-nhan/", feedback.record_view, name="feedback_record"),
    path("phan-anh/<str:code>/", feedback.item_view, name="feedback_item"),
    path("phan-anh/<str:code>/thao-tac/<str:action>/", feedback.action_view, name="feedback_action"),
    path("phan-anh/<str:code>/tep/<int:file_id>/", feedback.file_view, name="feedback_file"),
    path("don-vi/", unit.unit_view, name="unit"),
    path("don-vi/phan-cong/", unit.reassign_view, name="reassign"),
    path("dieu-hanh/", operations.operations_view, name="operations"),
    path("dieu-hanh/chi-so-766/", operations.operations_index_view, name="operations_index"),
    path("dieu-hanh/ho-so/", operations.operations_dossiers_view, name="operations_dossiers"),
    path("dieu-hanh/xuat.xlsx", operations.operations_export_view, name="operations_export"),
]
