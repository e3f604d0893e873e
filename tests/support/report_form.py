"""Filling in the report form as a citizen would: fetch the page, then post it back."""

import io
from datetime import date, timedelta

from tests.support.pages import parse


def valid_report(**overrides) -> dict:
    data = {
        "category": "secret-discharge",
        "district": "xingshan",
        "place": "兴山区某某路与某某街交口东侧排污口",
        "occurred_on": (date.today() - timedelta(days=2)).isoformat(),
        "occurred_time": "",
        "subject": "某某化工有限公司",
        "description": "每天夜里十点以后，厂区北墙外的暗管向河里排放黑色污水，"
        "气味刺鼻，已持续一周。",
        "identity": "anonymous",
        "name": "",
        "phone": "",
        "email": "",
        "consent": "y",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def hidden_fields(response) -> dict:
    page = parse(response)
    form = page.find("form", class_="report-form") or page.find("main").find("form", method="post")
    return {
        field["name"]: field.get("value", "") for field in form.find_all("input", type="hidden")
    }


def submit_report(client, files=None, **overrides):
    """GET /report, then POST it with the given values. Returns the POST response."""
    page = client.get("/report")
    data = hidden_fields(page) | valid_report(**overrides)
    if files:
        data["evidence"] = [(io.BytesIO(content), name) for content, name in files]
    return client.post("/report", data=data, content_type="multipart/form-data")


def receipt_of(client, response) -> tuple[str, str]:
    """Follow the redirect to the receipt and read the number and code off the page."""
    assert response.status_code == 303, response.status_code
    page = parse(client.get(response.headers["Location"]))
    number, code = [c.get_text(strip=True) for c in page.select(".receipt__codes .code")]
    return number, code


def open_status(client, number: str, code: str):
    """Prove number + receipt code on /report/status, as a reporter does: the page that
    answers (its forms then work for this browser session)."""
    form = client.get("/report/status")
    return client.post(
        "/report/status", data=hidden_fields(form) | {"number": number, "code": code}
    )
