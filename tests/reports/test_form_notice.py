"""举报须知 before the report form: emergencies to 110 first, the other hotlines, the legal note
on false reports, anonymity, and the reward rules only where the operator turned them on."""

from tests.support.pages import parse


def notice(client):
    page = parse(client.get("/report"))
    return page, page.select_one("section.report-notice")


def test_the_notice_comes_before_the_form_and_sends_emergencies_to_110(client, content):
    page, section = notice(client)
    assert section is not None
    assert section.find_next("form", class_="report-form") is not None
    emergency = section.select_one(".emergency")
    assert "紧急情况请立即拨打 110" in emergency.get_text()
    assert emergency.find("a", href="tel:110")
    assert section.find("a", href="tel:119") and section.find("a", href="tel:12345")


def test_the_notice_warns_against_false_reports_and_explains_anonymity(client, content):
    _, section = notice(client)
    text = section.get_text()
    assert "诬告陷害" in text and "第二百四十三条" in text
    assert "匿名举报" in text
    assert section.find("a", href="/privacy")


def test_reward_rules_are_not_shown_by_default(client, content):
    _, section = notice(client)
    assert "有奖举报" not in section.get_text()


def test_reward_rules_appear_when_configured_with_a_safe_link_only(app, client, content):
    app.config["REPORT_REWARDS_ENABLED"] = True
    app.config["REWARD_RULES_URL"] = "https://www.hegang.gov.cn/rewards"
    _, section = notice(client)
    assert "有奖举报" in section.get_text()
    assert section.find("a", href="https://www.hegang.gov.cn/rewards")

    app.config["REWARD_RULES_URL"] = "javascript:alert(1)"
    _, section = notice(client)
    assert "有奖举报" in section.get_text()
    assert not section.select('a[href^="javascript"]')
