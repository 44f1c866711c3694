

def test_the_command_reports_differences_and_fixes_them(world: Any) -> None:
    to_processing(world)
    out = StringIO()
    call_command("reconcile_operations", stdout=out)
    assert "No difference" in out.getvalue()
    Dossier.objects.update(channel="postal")
    with pytest.raises(SystemExit):
        call_command("reconcile_operations", "--from", "2026-03-01", "--to", "2026-03-31", stdout=out)
    assert "received_postal" in out.getvalue()
    call_command("reconcile_operations", "--fix", stdout=out)
    assert reconcile().differences == []
    with pytest.raises(CommandError):
        call_command("reconcile_operations", "--from", "2026-03-31", "--to", "2026-03-01")
