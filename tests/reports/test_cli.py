"""Hotline intake from the command line: the same rules, the channel recorded, a receipt."""

import re

from sqlalchemy import select

from portal.models import Channel, Report
from portal.services.reports.status import find_for_reporter


def test_a_phone_report_is_logged_with_its_channel_and_a_receipt(runner, db, content):
    result = runner.invoke(
        args=[
            "reports", "add", "--channel", "phone", "--category", "excess-emission",
            "--district", "luobei", "--place", "萝北县城北工业园", "--occurred-on", "2026-11-01",
            "--description", "来电反映：园区内某厂烟囱每天清晨冒黄烟，附近居民咳嗽不止。",
            "--name", "赵六", "--phone", "13700001111",
        ]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    number = re.search(r"举报编号：(\S+)", result.output)[1]
    code = re.search(r"回执码：([-0-9A-Z]+)", result.output)[1]
    report = db.session.scalars(select(Report)).one()
    assert report.number == number and report.channel == Channel.PHONE
    assert not report.anonymous
    assert report.events[0].actor == "受理人员"
    assert find_for_reporter(number, code).status.label == "待受理"


def test_intake_uses_the_same_rules_as_the_web_form(runner, db, content):
    result = runner.invoke(
        args=[
            "reports", "add", "--channel", "letter", "--category", "nope",
            "--district", "luobei", "--place", "某地", "--occurred-on", "2026-11-01",
            "--description", "太短",
        ]
    )  # fmt: skip
    assert result.exit_code != 0
    assert "请选择举报类别" in result.output and "请至少写 20 个字" in result.output
    assert db.session.scalars(select(Report)).first() is None
