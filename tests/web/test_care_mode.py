"""关怀版: chosen with the header's switch (a cookie) or `?mode=care`, shown as a class on <html>
and care.css, and never mixed up with the standard page by a cache."""

import pytest

from portal.web.care_mode import COOKIE
from tests.support.pages import parse

CARE_CSS = "css/care.css"


def is_care(response) -> bool:
    page = parse(response)
    stylesheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    care = "mode-care" in page.html["class"]
    assert care == any(CARE_CSS in href for href in stylesheets), "class and stylesheet agree"
    return care


def switch_link(response):
    return parse(response).select_one("header a.mode-switch")


@pytest.mark.parametrize("path", ["/", "/plan", "/targets", "/report", "/bulletins", "/nowhere"])
def test_every_page_has_the_switch_and_starts_standard(client, content, path):
    response = client.get(path)
    assert not is_care(response)
    link = switch_link(response)
    assert link.get_text(strip=True).startswith("关怀版")


def test_the_switch_keeps_the_choice_in_its_own_cookie_and_returns_to_the_page(client, content):
    link = switch_link(client.get("/targets?x=1"))["href"]
    response = client.get(link)
    assert response.status_code == 303
    assert response.headers["Location"] == "/targets?x=1"
    assert response.headers["Cache-Control"] == "no-store"
    cookie = response.headers["Set-Cookie"]
    assert cookie.startswith(f"{COOKIE}=care;") and "HttpOnly" in cookie
    assert "session" not in cookie

    page = client.get("/plan")
    assert is_care(page)
    assert switch_link(page).get_text(strip=True).startswith("退出关怀版")
    assert "读屏" in parse(page).select_one("footer").get_text()

    client.get(switch_link(page)["href"])
    assert not is_care(client.get("/plan"))


def test_the_query_parameter_turns_care_mode_on_and_off(client, content):
    on = client.get("/plan?mode=care")
    assert is_care(on)
    assert f"{COOKIE}=care" in on.headers["Set-Cookie"]
    assert "public" not in on.headers["Cache-Control"]
    assert is_care(client.get("/targets"))  # remembered

    off = client.get("/targets?mode=standard")
    assert not is_care(off)
    assert not is_care(client.get("/plan"))


def test_an_unknown_mode_value_is_ignored(client, content):
    response = client.get("/plan?mode=<script>")
    assert response.status_code == 200 and not is_care(response)
    assert "Set-Cookie" not in response.headers


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\t/evil.example",
        "/\\evil.example",
        "javascript:alert(1)",
        "/no-such-page",
        "",
    ],
)
def test_the_switch_goes_back_only_to_a_page_of_this_site(client, target):
    response = client.get("/mode/care", query_string={"next": target})
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_an_unknown_mode_is_not_found(client):
    assert client.get("/mode/dark").status_code == 404


def test_care_mode_shortens_the_menu_and_keeps_the_report_links(client, content):
    standard = parse(client.get("/plan")).select("nav[aria-label=主导航] a")
    client.set_cookie(COOKIE, "care")
    page = parse(client.get("/plan"))
    care = page.select("nav[aria-label=主导航] a")
    assert 0 < len(care) < len(standard)
    assert "网站地图" in [a.get_text(strip=True) for a in care]
    quick = [a.get_text(strip=True) for a in page.select("header .quick-links a")]
    assert quick == ["我要举报", "举报查询"]


def test_the_menu_collapses_behind_a_details_button(client, content):
    page = parse(client.get("/"))
    menu = page.select_one("header details.site-menu")
    assert menu.summary.get_text(strip=True) == "菜单"
    assert menu.find("nav", attrs={"aria-label": "主导航"})
    # The report links stay outside the menu, always in view.
    assert not menu.select(".quick-links")
    assert page.select_one("header").get_text().count("我要举报") == 1


# Caching: the ETag is a digest of the body, which names the mode; pages Vary on Cookie.


@pytest.mark.parametrize("path", ["/", "/plan", "/targets", "/sitemap", "/api"])
def test_a_cached_page_is_never_served_across_modes(client, content, path):
    standard = client.get(path)
    assert "Cookie" in standard.headers.get("Vary", "")
    client.set_cookie(COOKIE, "care")
    care = client.get(path, headers={"If-None-Match": standard.headers["ETag"]})
    assert care.status_code == 200 and is_care(care)
    assert "Cookie" in care.headers.get("Vary", "")
    assert care.headers["ETag"] != standard.headers["ETag"]
    assert client.get(path, headers={"If-None-Match": care.headers["ETag"]}).status_code == 304

    client.delete_cookie(COOKIE)
    back = client.get(path, headers={"If-None-Match": care.headers["ETag"]})
    assert back.status_code == 200 and not is_care(back)


def test_public_pages_in_care_mode_set_no_session(client, content):
    client.set_cookie(COOKIE, "care")
    response = client.get("/plan")
    assert "Set-Cookie" not in response.headers


def test_bar_charts_get_larger_labels_in_care_mode(client, content):
    from portal.web.charts import CARE_FONT, FONT, bar_chart

    items = [("兴山区", 3), ("向阳区", 7)]
    with client.application.test_request_context("/?mode=care"):
        client.application.preprocess_request()
        care = bar_chart("c", "举报", items)
    with client.application.test_request_context("/"):
        client.application.preprocess_request()
        standard = bar_chart("s", "举报", items)
    assert care.bar_height > standard.bar_height
    assert care.height / standard.height == pytest.approx(CARE_FONT / FONT, rel=0.1)
    assert care.label_width > standard.label_width
