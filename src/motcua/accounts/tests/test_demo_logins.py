import io

from django.core.management import call_command

from motcua.accounts import demo


def test_demo_logins_prints_one_line_per_demo_account():
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert out.getvalue().splitlines() == [f"  {line}" for line in demo.describe_logins()]
    assert f"  {demo.SUPERUSER} / {demo.DEMO_PASSWORD}" in out.getvalue()
