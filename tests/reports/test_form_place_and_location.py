"""具体地点 on several lines, and the optional coordinates of "使用我的位置": checked, rounded,
kept for staff (with a plain map link), never shown on a public page, erased with contacts."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from portal.models import Report
from portal.services.reports import retention
from tests.support.pages import parse
from tests.support.report_form import hidden_fields, receipt_of, submit_report
from tests.support.reports import MODERATOR

PLACE = "南山区某某路 88 号\n某某焦化厂北墙外\n排污口在铁路桥下"


def errors_on(response) -> dict[str, str]:
    return {
        p["id"].removesuffix("-error"): p.get_text(strip=True).removeprefix("错误：")
        for p in parse(response).select("p.field-error[id]")
    }


def stored(db) -> Report:
    return db.session.scalars(select(Report)).one()


def test_the_place_is_a_multi_line_field_kept_with_its_lines(client, db, content):
    page = parse(client.get("/report"))
    assert page.select_one("textarea[name=place]") is not None
    assert submit_report(client, place=PLACE).status_code == 303
    assert stored(db).place == PLACE


def test_a_place_of_500_characters_is_taken_and_501_refused_in_chinese(client, db, content):
    response = submit_report(client, place="地" * 501)
    assert response.status_code == 400
    assert errors_on(response)["place"] == "不能超过 500 个字（现有 501 个字）。"
    # what was typed comes back
    assert parse(response).select_one("textarea[name=place]").get_text() == "地" * 501
    assert submit_report(client, place="地" * 500).status_code == 303


def test_the_form_offers_labelled_coordinate_fields_but_no_map_or_third_party_script(
    client, content
):
    response = client.get("/report")
    page = parse(response)
    for name in ("latitude", "longitude"):
        control = page.select_one(f"input[name={name}]")
        assert page.find("label", attrs={"for": control["id"]})
    sources = [tag.get("src", "") for tag in page.find_all(["script", "img", "iframe"])]
    assert all(not src.startswith(("http:", "https:", "//")) for src in sources)
    assert b"openstreetmap" not in response.data and b"amap" not in response.data


def test_coordinates_are_rounded_to_five_decimals_and_stored(client, db, content):
    response = submit_report(client, latitude=" 47.3351234 ", longitude="130.2987655")
    assert response.status_code == 303
    report = stored(db)
    assert (report.latitude, report.longitude) == (Decimal("47.33512"), Decimal("130.29877"))


@pytest.mark.parametrize(
    ("latitude", "longitude", "field", "message"),
    [
        ("91", "130.1", "latitude", "纬度应为 -90 到 90 之间的数字"),
        ("47.3", "-181", "longitude", "经度应为 -180 到 180 之间的数字"),
        ("NaN", "130.1", "latitude", "纬度应为"),
        ("47.3", "Infinity", "longitude", "经度应为"),
        ("47.3", "1e400", "longitude", "经度应为"),
        ("北纬47度", "130.1", "latitude", "纬度应为"),
        ("<script>", "130.1", "latitude", "纬度应为"),
        ("4" * 30, "130.1", "latitude", "纬度应为"),
        ("47.3", "", "longitude", "位置需要同时有纬度和经度"),
        ("39.9", "116.4", "latitude", "该位置不在鹤岗市范围内"),
    ],
)
def test_bad_coordinates_are_refused_with_a_chinese_message_and_kept_for_correction(
    client, db, content, latitude, longitude, field, message
):
    response = submit_report(client, latitude=latitude, longitude=longitude)
    assert response.status_code == 400
    assert errors_on(response)[field].startswith(message)
    assert parse(response).select_one("input[name=latitude]")["value"] == latitude
    assert db.session.scalars(select(Report)).first() is None


def test_staff_see_the_coordinates_with_plain_map_links(client, db, content, sign_in):
    sent = submit_report(client, latitude="47.33512", longitude="130.29877")
    number, _ = receipt_of(client, sent)
    page = parse(sign_in("moderator").get(f"/admin/reports/{number}"))
    assert page.select_one(".coordinates").get_text(strip=True) == "47.33512, 130.29877"
    links = [a["href"] for a in page.find_all("a") if "中查看" in a.get_text()]
    assert "https://uri.amap.com/marker?position=130.29877,47.33512&coordinate=wgs84" in links[0]
    assert links[1].startswith("https://www.openstreetmap.org/?mlat=47.33512&mlon=130.29877")
    # a link only: no map script, frame or tile is loaded by the staff page either
    assert not page.find("iframe")
    assert not [s for s in page.find_all("script") if "amap" in s.get("src", "")]


def test_the_reporter_status_page_never_shows_the_coordinates(client, db, content):
    number, code = receipt_of(
        client, submit_report(client, latitude="47.33512", longitude="130.29877")
    )
    data = hidden_fields(client.get("/report/status")) | {"number": number, "code": code}
    response = client.post("/report/status", data=data)
    assert response.status_code == 200
    assert b"47.33512" not in response.data and b"130.29877" not in response.data


def test_coordinates_are_erased_with_the_contact_details(client, db, content):
    submit_report(client, latitude="47.33512", longitude="130.29877")
    report = stored(db)
    report.closed_at = datetime.now(UTC) - timedelta(days=400)
    db.session.commit()
    retention.purge_contacts(365, MODERATOR, datetime.now(UTC))
    db.session.expire_all()
    assert (stored(db).latitude, stored(db).longitude) == (None, None)
