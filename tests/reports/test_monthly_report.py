"""The monthly report bulletin: figures for a hand-made month and the 12369-style text."""

import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal import settings as portal_settings
from portal.models import AuditEntry, Bulletin, Channel, PublicationState, ReportStatus
from portal.services.reports.deadlines import TimeLimits
from portal.services.reports.monthly import monthly_markdown, monthly_summary
from portal.services.reports.periods import InvalidPeriod
from tests.support.reports import PRIVATE_TEXT, days, local
from tests.support.staff import post_form

S = ReportStatus
LIMITS = TimeLimits(accept_days=15, resolve_days=60)
EARLY_NOVEMBER = datetime(2026, 11, 2, 4, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def without_suppression(app):
    """These months are hand-made with a few reports each, all of which the bulletin would
    suppress; here the text is checked with every figure shown (test_stats_disclosure
    checks suppression)."""
    app.config["REPORT_STATS_MIN_COUNT"] = 1
    portal_settings.init_app(app)


@pytest.fixture
def october(db, content, make_report):
    """Five reports in October 2026, four in September, none in October 2025."""
    # October: R1 accepted and assigned; R2 resolved; R3 a duplicate; R4 waiting;
    # R5 accepted only on 1 November, so still waiting at the end of October.
    make_report(local(2026, 10, 3), status=S.ASSIGNED, decided_after=days(2))
    make_report(
        local(2026, 10, 10),
        status=S.RESOLVED,
        category="excess-emission",
        channel=Channel.PHONE,
        decided_after=days(2),
        resolved_after=days(15),
    )
    make_report(local(2026, 10, 20), status=S.DUPLICATE, district="luobei", decided_after=days(1))
    make_report(local(2026, 10, 31, 23, 30), district="gongnong")
    make_report(
        local(2026, 10, 28),
        status=S.ACCEPTED,
        category="idle-treatment-facility",
        channel=Channel.LETTER,
        decided_after=days(4),
    )
    # September: P1 resolved in October, within the limit; P2 still waiting (overdue);
    # P3 rejected; P4 accepted.
    make_report(
        local(2026, 9, 1), status=S.RESOLVED, decided_after=days(1), resolved_after=days(44)
    )
    make_report(local(2026, 9, 10))
    make_report(local(2026, 9, 15), status=S.REJECTED, decided_after=days(1))
    make_report(local(2026, 9, 20), status=S.ACCEPTED, decided_after=days(5))
    # Earlier: P0 resolved in October, 97 days after acceptance; Q investigating since June.
    make_report(
        local(2026, 7, 1), status=S.RESOLVED, decided_after=days(2), resolved_after=days(99)
    )
    make_report(local(2026, 6, 1), status=S.INVESTIGATING, decided_after=days(2))


def shares(counts) -> dict[str, tuple[int, Decimal]]:
    return {c.key: (c.count, c.percent) for c in counts if c.count}


def test_monthly_summary_of_a_hand_made_month(october):
    summary = monthly_summary(2026, 10, EARLY_NOVEMBER, LIMITS)
    assert (summary.received, summary.previous_month, summary.same_month_last_year) == (5, 4, 0)
    assert summary.month_on_month == Decimal("25.0")
    assert summary.year_on_year is None
    assert (summary.accepted, summary.not_accepted, summary.duplicates) == (2, 1, 1)
    assert summary.pending == 2
    assert shares(summary.by_channel) == {
        "web": (3, Decimal("60.0")), "phone": (1, Decimal("20.0")),
        "letter": (1, Decimal("20.0")),
    }  # fmt: skip
    assert shares(summary.by_category) == {
        "secret-discharge": (3, Decimal("60.0")), "excess-emission": (1, Decimal("20.0")),
        "idle-treatment-facility": (1, Decimal("20.0")),
    }  # fmt: skip
    assert shares(summary.by_district) == {
        "xingshan": (3, Decimal("60.0")), "luobei": (1, Decimal("20.0")),
        "gongnong": (1, Decimal("20.0")),
    }  # fmt: skip
    assert (summary.resolved, summary.resolved_in_time) == (3, 2)
    assert summary.overdue == 2  # P2 waiting since 10 September, Q in hand since June


def test_monthly_markdown_reads_like_a_12369_bulletin(october):
    title, text = monthly_markdown(monthly_summary(2026, 10, EARLY_NOVEMBER, LIMITS))
    assert title == "2026年10月鹤岗市节能环保违法行为举报办理情况通报"
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == [
        "一、总体情况", "二、受理情况", "三、举报渠道", "四、举报类别", "五、地区分布",
        "六、办结情况", "七、办理结论和查实率", "八、满意度和复核",
    ]  # fmt: skip
    assert "2026年10月共接到举报5件，较上月增加25.0%（上月4件），" in text
    assert "去年同月为0件，无法计算同比增减幅度。" in text
    assert (
        "截至2026年10月31日，本月接到的5件举报中，已受理2件，占40.0%；不予受理1件"
        "（其中重复举报1件），占20.0%；尚未作出受理决定2件，占40.0%。"
    ) in text
    assert (
        "通过网站渠道举报3件，占60.0%；通过电话渠道举报1件，占20.0%；通过来信渠道举报1件，占20.0%。"
    ) in text
    assert "反映偷排偷放问题的举报3件，占60.0%" in text
    assert "兴山区举报3件，占60.0%；工农区举报1件，占20.0%；萝北县举报1件，占20.0%。" in text
    assert "2026年10月共办结举报3件，其中在受理后60日内办结2件，占66.7%。" in text
    assert "尚未办结的举报2件。" in text
    assert "作出评价0件；举报人对办理结果不满意而申请复核0件。" in text
    assert not [secret for secret in PRIVATE_TEXT if secret in title + text]


def test_a_month_without_reports_after_a_busy_one(october):
    summary = monthly_summary(2026, 11, datetime(2026, 12, 2, tzinfo=UTC), LIMITS)
    assert (summary.received, summary.previous_month) == (0, 5)
    assert summary.month_on_month == Decimal("-100.0")
    _, text = monthly_markdown(summary)
    assert "2026年11月共接到举报0件，较上月减少100.0%（上月5件），" in text
    assert "本月未接到举报。" in text


def test_sample_reports_are_declared_in_the_bulletin(db, content, make_report):
    make_report(local(2026, 10, 5)).is_sample = True
    db.session.commit()
    summary = monthly_summary(2026, 10, EARLY_NOVEMBER, LIMITS)
    assert summary.samples == 1
    assert "含演示用的示例（虚构）举报1件" in monthly_markdown(summary)[1]


def test_a_month_equal_to_the_one_before_is_level(db, content, make_report):
    make_report(local(2026, 8, 5))
    make_report(local(2026, 9, 5))
    _, text = monthly_markdown(monthly_summary(2026, 9, EARLY_NOVEMBER, LIMITS))
    assert "与上月持平（上月1件）" in text


def test_a_month_not_yet_over_cannot_be_summarised(db, content, make_report):
    make_report(local(2026, 11, 1))
    with pytest.raises(InvalidPeriod, match="尚未结束"):
        monthly_summary(2026, 11, EARLY_NOVEMBER, LIMITS)


def test_a_month_that_has_not_begun_cannot_be_summarised(db):
    with pytest.raises(InvalidPeriod, match="尚未开始"):
        monthly_summary(2026, 12, EARLY_NOVEMBER, LIMITS)


def test_monthly_command_drafts_a_bulletin_for_editors(runner, db, content):
    result = runner.invoke(args=["reports", "monthly", "2026-10"])
    assert result.exit_code == 0, result.output
    assert "已起草通报草稿：2026年10月鹤岗市节能环保违法行为举报办理情况通报" in result.output
    bulletin = db.session.scalars(select(Bulletin)).one()
    assert bulletin.state == PublicationState.DRAFT
    assert "## 一、总体情况" in bulletin.body_markdown
    assert "<h2>一、总体情况</h2>" in bulletin.body_html
    entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "bulletin_drafted"))
    assert entry.one().actor_name == "命令行"


def test_editors_draft_the_monthly_report_with_a_button(client, db, content, sign_in):
    sign_in("editor")
    response = post_form(
        client, "/admin/bulletins/monthly-report", {"month": "2026-10"}, "/admin/bulletins"
    )
    assert response.status_code == 303
    bulletin = db.session.scalars(select(Bulletin)).one()
    assert response.headers["Location"].endswith(f"/admin/bulletins/{bulletin.id}")
    assert bulletin.title.startswith("2026年10月")


@pytest.mark.parametrize("argument", ["2026-13", "2026/10", "十月", "1999-12", "2026-1"])
def test_monthly_command_rejects_a_bad_month(runner, db, argument):
    result = runner.invoke(args=["reports", "monthly", argument])
    assert result.exit_code != 0
    assert "请写成 YYYY-MM，例如 2026-10" in result.output


def test_monthly_command_rejects_a_future_month(runner, db):
    result = runner.invoke(args=["reports", "monthly", "2999-01"])
    assert result.exit_code != 0
    assert "尚未开始" in result.output
