"""Room for the national database's real procedure names and results; information-only versions;
codes 5.xxxxxx and 6.xxxxxx; the managers' table of search synonyms with its first rows.

PostgreSQL: the stored ``tsvector`` column (0005) depends on ``name_folded``, whose type cannot change
under it, so it is dropped first and generated again afterwards with its index.
SQLite: changing a column rebuilds the table, which drops the triggers keeping the FTS5 index (0002) in
step; they are created again and the index refilled.
"""

import re

import django.core.validators
from django.db import migrations, models

TSV_DROP = [
    "DROP INDEX IF EXISTS catalogue_procedure_name_tsv_stored",
    "ALTER TABLE catalogue_procedure DROP COLUMN name_tsv",
]
TSV_ADD = [
    "ALTER TABLE catalogue_procedure ADD COLUMN name_tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, name_folded)) STORED",
    "CREATE INDEX catalogue_procedure_name_tsv_stored ON catalogue_procedure USING gin (name_tsv)",
]

# (what people type, the words procedure names use); managers edit them afterwards in the admin.
FIRST_SYNONYMS = [
    ("gpxd", "giấy phép xây dựng"),
    ("gcn", "giấy chứng nhận"),
    ("qsdd", "quyền sử dụng đất"),
    ("gcnqsdd", "giấy chứng nhận quyền sử dụng đất"),
    ("so do", "giấy chứng nhận quyền sử dụng đất"),
    ("so hong", "giấy chứng nhận quyền sử dụng đất quyền sở hữu nhà ở"),
    ("cccd", "thẻ căn cước"),
    ("cmnd", "thẻ căn cước"),
    ("can cuoc cong dan", "thẻ căn cước"),
    ("chung minh nhan dan", "thẻ căn cước"),
    ("ho kd", "hộ kinh doanh"),
    ("hkd", "hộ kinh doanh"),
    ("dkkd", "đăng ký kinh doanh"),
    ("gpkd", "giấy phép kinh doanh"),
    ("gpld", "giấy phép lao động"),
    ("gplx", "giấy phép lái xe"),
    ("bhyt", "bảo hiểm y tế"),
    ("bhxh", "bảo hiểm xã hội"),
    ("lltp", "lý lịch tư pháp"),
    ("pccc", "phòng cháy chữa cháy"),
    ("attp", "an toàn thực phẩm"),
    ("mst", "mã số thuế"),
    ("dn", "doanh nghiệp"),
    ("htx", "hợp tác xã"),
    ("ctxd", "công trình xây dựng"),
    ("ubnd", "ủy ban nhân dân"),
    ("xnc", "xuất nhập cảnh"),
    ("nvqs", "nghĩa vụ quân sự"),
    # Everyday wordings and common misspellings of the names' words.
    ("bao tu", "khai tử"),
    ("doc than", "tình trạng hôn nhân"),
    ("nhap ho khau", "đăng ký thường trú"),
    ("tach ho khau", "tách hộ"),
    ("tam chu", "tạm trú"),
    ("thuong chu", "thường trú"),
    ("lam giay khai sinh", "đăng ký khai sinh"),
    ("lam khai sinh", "đăng ký khai sinh"),
    ("nhan con nuoi", "nuôi con nuôi"),
    ("cong chung ban sao", "chứng thực bản sao"),
    ("thua ke", "di sản"),
    ("the chap", "biện pháp bảo đảm"),
    ("lam lai", "cấp lại"),
    ("bang lai xe", "giấy phép lái xe"),
    ("bang lai", "giấy phép lái xe"),
    ("nuoc ngam", "nước dưới đất"),
    ("ho kinh doanh ca the", "hộ kinh doanh"),
    ("dang ky ho kd", "đăng ký thành lập hộ kinh doanh"),
    ("lam cccd", "cấp thẻ căn cước"),
    ("lam can cuoc", "cấp thẻ căn cước"),
]


SQLITE_FTS_AGAIN = [
    "DROP TRIGGER IF EXISTS catalogue_procedure_fts_ai",
    "DROP TRIGGER IF EXISTS catalogue_procedure_fts_ad",
    "DROP TRIGGER IF EXISTS catalogue_procedure_fts_au",
    "DELETE FROM catalogue_procedure_fts",
    "INSERT INTO catalogue_procedure_fts(rowid, name_folded, code) SELECT id, name_folded, code FROM catalogue_procedure",
    "CREATE TRIGGER catalogue_procedure_fts_ai AFTER INSERT ON catalogue_procedure BEGIN "
    "INSERT INTO catalogue_procedure_fts(rowid, name_folded, code) VALUES (new.id, new.name_folded, new.code); END",
    "CREATE TRIGGER catalogue_procedure_fts_ad AFTER DELETE ON catalogue_procedure BEGIN "
    "DELETE FROM catalogue_procedure_fts WHERE rowid = old.id; END",
    "CREATE TRIGGER catalogue_procedure_fts_au AFTER UPDATE OF name_folded, code ON catalogue_procedure BEGIN "
    "DELETE FROM catalogue_procedure_fts WHERE rowid = old.id; "
    "INSERT INTO catalogue_procedure_fts(rowid, name_folded, code) VALUES (new.id, new.name_folded, new.code); END",
]


def _sqlite(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "sqlite":
            for sql in statements:
                schema_editor.execute(sql)

    return run


def _postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return run


def add_first_synonyms(apps, schema_editor):
    synonym = apps.get_model("catalogue", "SearchSynonym")
    for term, expansion in FIRST_SYNONYMS:
        synonym.objects.get_or_create(term=term, defaults={"expansion": expansion})


def remove_first_synonyms(apps, schema_editor):
    apps.get_model("catalogue", "SearchSynonym").objects.filter(term__in=[t for t, _e in FIRST_SYNONYMS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0009_audit_hash_chain"),
    ]

    operations = [
        migrations.RunPython(_postgres(TSV_DROP), _postgres(TSV_ADD)),
        migrations.CreateModel(
            name="SearchSynonym",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "term",
                    models.CharField(
                        help_text="Chữ viết tắt hoặc cách gọi thông dụng, ví dụ GPXD, hộ KD. Không phân biệt hoa thường, dấu.",
                        max_length=60,
                        unique=True,
                        verbose_name="cách người dân gõ",
                    ),
                ),
                (
                    "expansion",
                    models.CharField(
                        help_text="Ví dụ: giấy phép xây dựng; hộ kinh doanh.",
                        max_length=300,
                        verbose_name="từ ngữ trong tên thủ tục",
                    ),
                ),
                ("is_active", models.BooleanField(default=True, verbose_name="đang dùng")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="cập nhật lúc")),
            ],
            options={
                "verbose_name": "từ đồng nghĩa, viết tắt khi tìm kiếm",
                "verbose_name_plural": "từ đồng nghĩa, viết tắt khi tìm kiếm",
                "ordering": ["term"],
            },
        ),
        migrations.AddField(
            model_name="procedureversion",
            name="information_only",
            field=models.BooleanField(
                default=False,
                help_text="Chưa công bố đủ thời hạn, quy trình nội bộ: chưa tiếp nhận hồ sơ trên Cổng và tại quầy.",
                verbose_name="chỉ cung cấp thông tin",
            ),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="code",
            field=models.CharField(
                max_length=10,
                unique=True,
                validators=[
                    django.core.validators.RegexValidator(
                        re.compile("^\\d\\.\\d{6}$"),
                        "Mã thủ tục phải có dạng 1.001193 (một chữ số, dấu chấm, 6 chữ số).",
                    )
                ],
                verbose_name="mã thủ tục",
            ),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="name",
            field=models.CharField(max_length=1500, verbose_name="tên thủ tục"),
        ),
        migrations.AlterField(
            model_name="procedure",
            name="name_folded",
            field=models.CharField(db_index=True, editable=False, max_length=1500),
        ),
        migrations.AlterField(
            model_name="procedureversion",
            name="legal_time_unit",
            field=models.CharField(
                blank=True,
                choices=[
                    ("working_days", "ngày làm việc"),
                    ("working_hours", "giờ làm việc"),
                    ("same_day", "trong ngày"),
                ],
                max_length=16,
                verbose_name="đơn vị thời hạn",
            ),
        ),
        migrations.AlterField(
            model_name="procedureversion",
            name="resolved_at_centre",
            field=models.BooleanField(default=False, verbose_name="giải quyết tại chỗ ở Trung tâm (4 tại chỗ)"),
        ),
        migrations.AlterField(
            model_name="procedureversion",
            name="result_name",
            field=models.CharField(blank=True, max_length=1000, verbose_name="kết quả thực hiện"),
        ),
        migrations.RunPython(_postgres(TSV_ADD), _postgres(TSV_DROP)),
        migrations.RunPython(_sqlite(SQLITE_FTS_AGAIN), _sqlite(SQLITE_FTS_AGAIN)),
        migrations.RunPython(add_first_synonyms, remove_first_synonyms),
    ]
