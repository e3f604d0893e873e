"""What every template may use: the site's identity, navigation, and formatting filters."""

import hashlib
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app, has_request_context, request

from ..clock import CITY_TZ, local_date
from ..models import ReportStatus, StaffRole
from ..services.bulletins.values import period_label
from .care_mode import is_care_mode, mode_switch_url
from .citations import register as register_citations

SITE_NAME = "鹤岗市节能减排信息公开与举报平台"

# The main navigation, in order: (endpoint, label, other endpoints that belong to the item).
NAVIGATION = [
    ("public.home", "首页", ()),
    ("public.plan", "工作方案", ("public.plan_section",)),
    ("public.targets", "目标进展", ("public.target_detail",)),
    ("public.commitments", "时间表", ()),
    ("public.projects", "重点工程", ()),
    ("bulletins.index", "通报公告", ("bulletins.detail", "bulletins.revision")),
    ("registers.exposures", "曝光台", ("registers.exposure", "registers.exposure_revision")),
    ("registers.phase_out", "淘汰落后产能", ("registers.phase_out_item",)),
    ("public.sitemap", "网站地图", ()),
]
# Always in view in the header, on a phone too: the two things a citizen came to do.
QUICK_LINKS = [
    ("reports.report_form", "我要举报", ("reports.submit", "reports.receipt")),
    ("reports.status_form", "举报查询", ("reports.status_lookup", "reports.status_reply")),
]
# 关怀版: a short menu of what elderly readers come for; the 网站地图 lists everything else.
CARE_NAVIGATION = {
    "public.home", "public.targets", "bulletins.index", "registers.exposures", "public.sitemap",
}  # fmt: skip

# Secondary links, in the footer.
FOOTER_LINKS = [
    ("reports.stats", "举报统计"),
    ("reports.outcomes", "办理结果公开"),
    ("registers.enterprises", "企业名录"),
    ("api_docs.data_catalogue", "开放数据"),
    ("api_docs.docs", "数据接口"),
    ("public.contact", "联系我们"),
    ("public.sitemap", "网站地图"),
    ("public.disclosure_guide", "信息公开指南"),
    ("reports.privacy", "隐私说明"),
]
# Footer identity (GB/T 37668-2019, 国办发〔2017〕47号): (config key, label), each shown only
# when configured.
IDENTITY = [
    ("SITE_CODE", "网站标识码"),
    ("ICP_NUMBER", "ICP 备案号"),
    ("PUBLIC_SECURITY_NUMBER", "公安机关备案号"),
]


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.url_defaults(_fingerprint_static)
    app.context_processor(_site_context)
    app.add_template_global(local_date)
    app.add_template_global(period_label)
    app.add_template_filter(format_date, "cn_date")
    app.add_template_filter(format_datetime, "cn_datetime")
    app.add_template_filter(format_number, "number")
    app.add_template_filter(format_signed, "signed")
    register_citations(app)


def _fingerprint_static(endpoint: str, values: dict) -> None:
    """/static/css/site.css?v=<hash of the file>: a changed file gets a new URL, so a proxy
    may cache every asset for a year (see deploy/nginx-hegang-portal.conf)."""
    if endpoint == "static" and "filename" in values:
        path = Path(current_app.static_folder) / values["filename"]
        values.setdefault("v", _content_hash(str(path), path.stat().st_mtime_ns))


@lru_cache(maxsize=256)
def _content_hash(path: str, _mtime_ns: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:12]


def _links(items: list[tuple], care: bool = False) -> list[dict]:
    endpoint = request.endpoint if has_request_context() else None
    return [
        {"endpoint": main, "label": label, "current": endpoint == main or endpoint in also}
        for main, label, also in items
        if not care or main in CARE_NAVIGATION
    ]


def _identity() -> list[tuple[str, str]]:
    config = current_app.config
    return [(label, config[key]) for key, label in IDENTITY if config.get(key)]


def _site_context() -> dict:
    care = has_request_context() and is_care_mode()
    return {
        "site": {
            "name": SITE_NAME,
            "hotline": current_app.config["HOTLINE_NUMBER"],
            "issuing_body": current_app.config["ISSUING_BODY"],
            "navigation": _links(NAVIGATION, care),
            "quick_links": _links(QUICK_LINKS),
            "footer_links": FOOTER_LINKS,
            "identity": _identity(),
        },
        "care": care,
        "mode_switch": mode_switch_url() if has_request_context() else None,
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
