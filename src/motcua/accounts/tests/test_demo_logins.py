import io

from django.core.management import call_command

from motcua.accounts import demo


def test_demo_logins_prints_one_line_per_demo_account():
    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert out.getvalue().splitlines() == [f"  {line}" for line in demo.describe_logins()]
    assert f"  {demo.SUPERUSER} / {demo.DEMO_PASSWORD}" in out.getvalue()


def test_demo_logins_say_which_accounts_need_a_second_factor(settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["administrator"]
    lines = demo.describe_logins()
    marked = [line.split(" / ")[0] for line in lines if demo.TWO_FACTOR_NOTE in line]
    assert marked == [demo.QUANTRI_TINH, demo.QUANTRI_VIET_TRI]
    settings.TWO_FACTOR_REQUIRED_ROLES = []
    assert not any(demo.TWO_FACTOR_NOTE in line for line in demo.describe_logins())
