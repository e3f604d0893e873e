"""The notification worker and the daily digest ship as systemd units that run the real
commands with the portal's user, environment and confinement, and `make run` starts the
worker beside the web server."""

import re

from portal.commands import outbox, reports
from tests.support.app import ROOT
from tests.support.deploy import systemd_unit

WORKER = "hegang-portal-outbox.service"
DIGEST = "hegang-portal-digest.service"
DIGEST_TIMER = "hegang-portal-digest.timer"
WEB = "hegang-portal.service"


def flask_command(unit) -> list[str]:
    [exec_start] = unit["Service"]["ExecStart"]
    return exec_start.split()[1:]


def test_the_worker_unit_runs_outbox_work_and_restarts_it():
    unit = systemd_unit(WORKER)
    assert flask_command(unit) == ["--app", "wsgi", "outbox", "work"]
    assert unit["Service"]["Restart"] == ["always"]
    # A stop waits longer than one send may take (NOTIFY_TIMEOUT_SECONDS).
    assert int(unit["Service"]["TimeoutStopSec"][0]) > 60
    assert unit["Install"]["WantedBy"] == ["multi-user.target"]


def test_the_digest_runs_daily_at_eight_beijing_time():
    service, timer = systemd_unit(DIGEST), systemd_unit(DIGEST_TIMER)
    assert flask_command(service) == ["--app", "wsgi", "reports", "digest"]
    assert service["Service"]["Type"] == ["oneshot"]
    assert timer["Timer"]["OnCalendar"] == ["*-*-* 08:00:00 Asia/Shanghai"]
    assert timer["Timer"]["Persistent"] == ["true"]
    assert timer["Timer"]["Unit"] == [DIGEST]


def test_both_units_share_the_portals_user_environment_and_confinement():
    web = systemd_unit(WEB)["Service"]
    for name in (WORKER, DIGEST):
        service = systemd_unit(name)["Service"]
        for key in ("User", "Group", "WorkingDirectory", "EnvironmentFile", "UMask"):
            assert service[key] == web[key], (name, key)
        for key in ("NoNewPrivileges", "ProtectSystem", "ProtectHome", "PrivateTmp"):
            assert service[key] == web[key], (name, key)


def test_the_units_name_commands_the_cli_has():
    assert "work" in outbox.outbox_cli.commands
    assert "digest" in reports.reports_cli.commands


def test_make_run_starts_the_worker_and_stops_it_with_the_server():
    recipe = (ROOT / "Makefile").read_text().split("\nrun:", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"\$\(FLASK\) outbox work &", recipe)
    assert "trap" in recipe and "kill -TERM" in recipe
    assert recipe.index("outbox work") < recipe.index("$(FLASK) run")
