"""What every template may use: the site's identity, navigation, and formatting filters."""

import hashlib
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app

from .clock import CITY_TZ
from .models import ReportStatus, StaffRole

SITE_NAME = "鹤岗市节能减排信息公开与举报平台"

# (endpoint, label) of the main navigation, in order.
NAVIGATION = [
    ("public.home", "首页"),
    ("public.plan", "工作方案"),
    ("public.targets", "目标进展"),
    ("public.commitments", "时间表"),
    ("public.projects", "重点工程"),
    ("reports.report_form", "我要举报"),
    ("reports.status_form", "举报查询"),
]


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.url_defaults(_fingerprint_static)
    app.context_processor(_site_context)
    app.add_template_filter(format_date, "cn_date")
    app.add_template_filter(format_datetime, "cn_datetime")
    app.add_template_filter(format_number, "number")
    app.add_template_filter(format_signed, "signed")


def _fingerprint_static(endpoint: str, values: dict) -> None:
    """/static/css/site.css?v=<hash of the file>: a changed file gets a new URL, so a proxy
    may cache every asset for a year (see deploy/nginx-hegang-portal.conf)."""
    if endpoint == "static" and "filename" in values:
        path = Path(current_app.static_folder) / values["filename"]
        values.setdefault("v", _content_hash(str(path), path.stat().st_mtime_ns))


@lru_cache(maxsize=256)
def _content_hash(path: str, _mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def _site_context() -> dict:
    return {
        "site": {
            "name": SITE_NAME,
            "hotline": current_app.config["HOTLINE_NUMBER"],
            "issuing_body": current_app.config["ISSUING_BODY"],
            "navigation": NAVIGATION,
        },
        "roles": StaffRole,
        "statuses": ReportStatus,
    }


def format_date(value: date | None) -> str:
    if value is None:
        return ""
    return f"{value.year}年{value.month}月{value.day}日"


def format_datetime(value: datetime | None) -> str:
    """An aware timestamp, shown in the city's time zone."""
    if value is None:
        return ""
    local = value.astimezone(CITY_TZ)
    return f"{format_date(local.date())} {local:%H:%M}"


def format_number(value: Decimal | int | float | None) -> str:
    """Thousands separators, and no trailing zeros beyond what the figure was given with."""
    if value is None:
        return "—"
    text = f"{value:,f}" if isinstance(value, Decimal) else f"{value:,}"
    return text.replace("-", "−")  # a real minus sign, as in the signed filter


def format_signed(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = format_number(abs(value))
    return f"+{text}" if value > 0 else (f"−{text}" if value < 0 else text)
