"""``ExternalIdentity`` moves here from the portal app; its table and rows are kept.

``portal.0003`` renamed the table ``portal_externalidentity`` to ``accounts_externalidentity`` and
removed the model from the portal's state; this migration only adds the model to the accounts' state.
The dependency on ``portal.0003`` is what orders the two (on a new database as on an existing one),
so the portal's migrations 0001–0003 must be kept even once the portal has no models left.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_applicant_unique_messages'),
        ('portal', '0003_externalidentity_moved_to_accounts'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ExternalIdentity',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('issuer', models.CharField(max_length=255, verbose_name='nhà cung cấp định danh')),
                        ('subject', models.CharField(max_length=255, verbose_name='mã định danh tại nhà cung cấp')),
                        ('linked_at', models.DateTimeField(verbose_name='thời điểm liên kết')),
                        ('last_login_at', models.DateTimeField(verbose_name='lần đăng nhập gần nhất')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='external_identities', to=settings.AUTH_USER_MODEL, verbose_name='tài khoản')),
                    ],
                    options={
                        'verbose_name': 'định danh liên kết',
                        'verbose_name_plural': 'định danh liên kết',
                        'constraints': [models.UniqueConstraint(fields=('issuer', 'subject'), name='unique_external_identity')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
