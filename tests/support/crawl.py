"""What the route crawl (tests/web/test_route_crawl.py) needs: real records to put in URLs, the
URLs of every GET rule filled from them, and the checks every response must pass.

URL variables are filled by name (and, where a name means two things, by the rule's
converter or blueprint), never from a list of paths: a route added later is crawled as soon
as its variables are known here, and is reported as unfillable until they are."""

import dataclasses
import itertools
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from sqlalchemy import select
from werkzeug.routing import AnyConverter, IntegerConverter, Rule

from portal.clock import today_local
from portal.extensions import db
from portal.models import (
    BulletinRevision,
    Commitment,
    Department,
    Enterprise,
    Indicator,
    NotifyChannel,
    PhaseOutItem,
    PlanSection,
    Project,
)
from portal.opendata.catalogue import COLLECTIONS
from portal.reports.admin_views import REPORT_PAGE_POLICY
from portal.services.bulletins import attachments as bulletin_files
from portal.services.demo import load as demo_data
from portal.services.notifications.texts import unsubscribe_token
from portal.services.registers import exposures
from portal.services.reports import moderation, reply_templates
from portal.settings import settings
from portal.web.security import CONTENT_SECURITY_POLICY
from tests.support.bulletins import EDITOR, make_bulletin
from tests.support.registers import make_exposure
from tests.support.reports import MODERATOR, report_in
from tests.support.samples import noise_jpeg, pdf_from_writer
from tests.support.staff import create_staff

ORIGIN = "http://localhost"
REPORT_PAGE = re.compile(r"/admin/reports/HG\d{8}-\d{6}")
ALL_ROLES = ("admin", "moderator", "editor", "handler")
CRAWLER = "crawler"


@dataclass
class World:
    """Ids and keys of records that exist, one of each kind a URL can point at."""

    bulletin_id: int = 0
    bulletin_slug: str = ""
    attachment_id: int = 0
    bulletin_revision: int = 0
    report_number: str = ""
    outcome_number: str = ""  # a report whose outcome is published
    evidence_id: int = 0
    enterprise_id: int = 0
    exposure_id: int = 0
    exposure_revision: int = 0
    item_id: int = 0
    section_slug: str = ""
    indicator_code: str = ""
    codes: dict[str, str] = field(default_factory=dict)  # commitments/projects → a code
    api_keys: dict[str, str] = field(default_factory=dict)  # API record endpoint → a key
    static_file: str = ""
    unsubscribe_token: str = ""  # the unsubscribe link of a notification email
    dataset: str = "indicators"  # an open-data table (/data/<name>)
    template_id: int = 0  # a reply template (/admin/reports/reply-templates/<id>)
    department_code: str = ""  # a department the plan names (/departments/<code>)
    export_format: str = "csv"  # the staff queue export (/admin/reports/export.<fmt>)


def build_world(app) -> World:
    """The demo data plus, through the real services, the records demo data lacks: a
    bulletin with an attachment and a correction, a corrected exposure, a report with a
    photo. Needs the plan content imported and an app context."""
    demo_data.load(EDITOR, environment="test", now=datetime.now(UTC))
    # As a handler, the crawler acts for the department the workflow forwards reports to.
    create_staff(CRAWLER, *ALL_ROLES, department="environmental-protection")
    bulletin = make_bulletin(published=True)
    # Attaching a file to a published bulletin is a correction: revision 1 becomes public.
    attachment = bulletin_files.add_attachment(
        bulletin.id, pdf_from_writer(), "统计表.pdf", EDITOR, reason="补充统计表。"
    )
    exposure = make_exposure()
    exposures.correct_exposure(
        exposure.id,
        exposures.form_values(exposure) | {"facts": "焦炉烟气二氧化硫排放浓度超标 2.2 倍。"},
        "更正超标倍数。",
        EDITOR,
        today_local(),
    )
    report = report_in("investigating", evidence=[(noise_jpeg((40, 30)), "现场.jpg")]).report
    handled = report_in("resolved").report
    moderation.publish_outcome(
        handled.number, "反映企业超标排放。", "已处罚。", MODERATOR, datetime.now(UTC)
    )
    template = reply_templates.save_template(
        None,
        {"use": "accept", "title": "标准受理", "body": "举报{编号}已于{受理日期}受理。"},
        MODERATOR,
    )
    world = World(
        template_id=template.id,
        department_code=first(Department, Department.code),
        bulletin_id=bulletin.id,
        bulletin_slug=bulletin.slug,
        attachment_id=attachment.id,
        bulletin_revision=db.session.scalar(
            select(BulletinRevision.revision).where(BulletinRevision.bulletin_id == bulletin.id)
        ),
        report_number=report.number,
        outcome_number=handled.number,
        evidence_id=report.evidence[0].id,
        enterprise_id=first(Enterprise, Enterprise.id),
        exposure_id=exposure.id,
        exposure_revision=1,
        item_id=first(PhaseOutItem, PhaseOutItem.id),
        section_slug=first(PlanSection, PlanSection.slug),
        indicator_code=first(Indicator, Indicator.code),
        codes={
            "commitments": first(Commitment, Commitment.code),
            "projects": first(Project, Project.code),
        },
        static_file=first_static_file(app),
        unsubscribe_token=unsubscribe_token(
            settings().notify.unsubscribe_key, report.id, NotifyChannel.EMAIL
        ),
    )
    db.session.commit()
    return world


def missing_world(world: World) -> World:
    """The same shape of world, every id and key pointing at nothing."""
    nothing = {f.name: {int: 999_999, str: "no-such-record"}.get(f.type)
               for f in dataclasses.fields(World)}  # fmt: skip
    nothing |= {
        "report_number": "HG20000101-999999",  # well-formed, but never issued
        "outcome_number": "HG20000101-999998",
        "codes": dict.fromkeys(world.codes, "no-such-record"),
        "api_keys": dict.fromkeys(world.api_keys, "no-such-record"),
    }
    return dataclasses.replace(world, **nothing)


def first(model, column):
    return db.session.scalars(select(column).order_by(model.id)).first()


def first_static_file(app) -> str:
    root = Path(app.static_folder)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())[0]


def add_api_keys(world: World, client) -> None:
    """A key for every API record route: the first record its own list publishes."""
    for collection in COLLECTIONS.values():
        listed = client.get(f"/api/v1/{collection.name}?limit=1").get_json()["data"]
        if listed:
            world.api_keys[f"api.{collection.endpoint}_record"] = str(
                listed[0][collection.key_name]
            )


# --- Filling rules ---------------------------------------------------------------------------


def _slug(world, rule, chosen):
    if rule.endpoint.startswith("bulletins."):
        return world.bulletin_slug
    if rule.endpoint == "public.plan_section":
        return world.section_slug
    return None


def _number(world, rule, chosen):
    # A bulletin's revision number (int) or a report number (string), by converter.
    if isinstance(rule._converters["number"], IntegerConverter):
        if rule.endpoint.startswith("bulletins."):
            return world.bulletin_revision
        return world.exposure_revision if rule.endpoint == "registers.exposure_version" else None
    return world.outcome_number if rule.endpoint == "reports.outcome" else world.report_number


def _code(world, rule, chosen):
    if rule.endpoint == "public.target_detail":
        return world.indicator_code
    if rule.endpoint == "departments.detail":
        return world.department_code
    return world.codes.get(chosen.get("kinds"))


# variable name → (world, rule, values chosen so far) → value, or None when unknown.
FILLERS = {
    "bulletin_id": lambda w, r, c: w.bulletin_id,
    "attachment_id": lambda w, r, c: w.attachment_id,
    "slug": _slug,
    "number": _number,
    "evidence_id": lambda w, r, c: w.evidence_id,
    "enterprise_id": lambda w, r, c: w.enterprise_id,
    "exposure_id": lambda w, r, c: w.exposure_id,
    "revision": lambda w, r, c: (
        w.exposure_revision if r.endpoint.startswith("registers.") else None
    ),
    "item_id": lambda w, r, c: w.item_id,
    "code": _code,
    "key": lambda w, r, c: w.api_keys.get(r.endpoint),
    "filename": lambda w, r, c: w.static_file if r.endpoint == "static" else None,
    "token": lambda w, r, c: w.unsubscribe_token,
    "name": lambda w, r, c: w.dataset if r.endpoint == "api_docs.dataset" else None,
    "template_id": lambda w, r, c: w.template_id,
    "fmt": lambda w, r, c: w.export_format if r.endpoint == "admin.reports.queue_export" else None,
}


def get_rules(app) -> list[Rule]:
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods]
    return sorted(rules, key=lambda r: (r.rule, r.endpoint))


def rule_id(rule: Rule) -> str:
    return f"{rule.endpoint}:{rule.rule}"


def fill(rule: Rule, world: World) -> list[str] | str:
    """Every URL of the rule (an any() variable gives one URL per choice), or the reason it
    cannot be filled."""
    names = sorted(rule.arguments, key=lambda n: (n != "kinds", n))  # choices first
    choices = [
        sorted(rule._converters[n].items)
        if isinstance(rule._converters[n], AnyConverter)
        else [None]
        for n in names
    ]
    urls = []
    for combination in itertools.product(*choices):
        chosen = {n: v for n, v in zip(names, combination, strict=True) if v is not None}
        for name in names:
            if name in chosen:
                continue
            filler = FILLERS.get(name)
            value = filler(world, rule, chosen) if filler else None
            if value in (None, "", 0):
                return f"no value for <{name}> in {rule.rule} ({rule.endpoint})"
            chosen[name] = value
        urls.append(rule.build(chosen, append_unknown=False)[1])
    return urls


def names_a_record(rule: Rule) -> bool:
    """Whether the URL holds an id, key or file name (an any() choice alone is no record)."""
    return any(not isinstance(c, AnyConverter) for c in rule._converters.values())


def is_staff_rule(app, rule: Rule) -> bool:
    return rule.rule.startswith("/admin")


# --- Checking responses ----------------------------------------------------------------------

# Elements that load something into the page, and the attribute that names it.
LOADED = [("script", "src"), ("img", "src"), ("img", "srcset"), ("source", "src"),
          ("source", "srcset"), ("iframe", "src"), ("frame", "src"), ("embed", "src"),
          ("object", "data"), ("video", "src"), ("video", "poster"), ("audio", "src"),
          ("track", "src"), ("input", "src")]  # fmt: skip
# <link rel=…> that load a resource (stylesheets, icons, preloaded fonts, manifests…).
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                "prefetch", "manifest", "mask-icon"}  # fmt: skip


def header_problems(response) -> list[str]:
    headers, problems = response.headers, []
    request = getattr(response, "request", None)
    # A report's staff page frames its PDF evidence: that page alone adds frame-src 'self'.
    shown = request is not None and response.status_code == 200
    report_page = shown and REPORT_PAGE.fullmatch(request.path)
    policy = REPORT_PAGE_POLICY if report_page else CONTENT_SECURITY_POLICY
    if headers.get("Content-Security-Policy") != policy:
        problems.append(f"Content-Security-Policy is {headers.get('Content-Security-Policy')!r}")
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Content-Type-Options: nosniff missing")
    if headers.get("Referrer-Policy") != "same-origin":
        problems.append(f"Referrer-Policy is {headers.get('Referrer-Policy')!r}")
    # The report form alone may use the position (使用我的位置), for itself only.
    form = request is not None and request.path == "/report"
    location = "geolocation=(self)" if form else "geolocation=()"
    if location not in headers.get("Permissions-Policy", ""):
        problems.append(f"Permissions-Policy lacks {location}")
    if "Strict-Transport-Security" in headers:
        problems.append("HSTS sent over plain http")
    return problems


def is_same_origin(url: str) -> bool:
    parts = urlsplit(urljoin(ORIGIN + "/", url.strip()))
    return (parts.scheme, parts.netloc) == ("http", "localhost")


def _urls_in(attribute: str, value: str) -> list[str]:
    if attribute != "srcset":
        return [value]
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def html_problems(html: str) -> list[str]:
    """Inline code or styling, and anything loaded from another origin."""
    page, problems = BeautifulSoup(html, "html.parser"), []
    if page.find("style"):
        problems.append("inline <style>")
    problems += [f"style attribute on <{t.name}>" for t in page.find_all(style=True)]
    for script in page.find_all("script"):
        if not script.get("src") and script.get("type") != "application/ld+json":
            problems.append(f"inline <script>: {script.get_text()[:60]!r}")
    for tag in page.find_all(True):
        handlers = [a for a in tag.attrs if a.lower().startswith("on")]
        if handlers:
            problems.append(f"event handler {handlers} on <{tag.name}>")
        for attribute in ("href", "src", "action", "formaction"):
            if str(tag.get(attribute, "")).strip().lower().startswith("javascript:"):
                problems.append(f"javascript: URL in <{tag.name} {attribute}>")
    loaded = [(t.name, a, u) for name, a in LOADED for t in page.find_all(name, attrs={a: True})
              for u in _urls_in(a, t[a])]  # fmt: skip
    for link in page.find_all("link", href=True):
        if LOADING_RELS & {rel.lower() for rel in link.get("rel", [])}:
            loaded.append(("link", "href", link["href"]))
    for name, attribute, url in loaded:
        data_image = name == "img" and url.startswith("data:image/")  # img-src allows data:
        if not data_image and not is_same_origin(url):
            problems.append(f"<{name} {attribute}={url!r}> from another origin")
    return problems


def has_csrf_field(html: str) -> bool:
    return (
        BeautifulSoup(html, "html.parser").find("input", attrs={"name": "csrf_token"}) is not None
    )


def response_problems(response, *, staff_page: bool) -> list[str]:
    """Everything wrong with one response, as short sentences (empty when all is well)."""
    problems = header_problems(response)
    cache = response.headers.get("Cache-Control", "")
    if response.mimetype == "text/html":
        html = response.get_data(as_text=True)
        problems += html_problems(html)
        if has_csrf_field(html) and "no-store" not in cache:
            problems.append(f"page with a CSRF token is cacheable (Cache-Control {cache!r})")
    if staff_page and response.status_code == 200 and "no-store" not in cache:
        problems.append(f"staff page without no-store (Cache-Control {cache!r})")
    return problems


def same_origin_links(html: str, page_url: str) -> set[str]:
    """The site's own <a href> links on a page, as paths with their query strings."""
    links = set()
    for anchor in BeautifulSoup(html, "html.parser").find_all("a", href=True):
        url = urljoin(ORIGIN + page_url, anchor["href"].strip())
        parts = urlsplit(url)
        if is_same_origin(url) and parts.scheme in ("http", ""):
            links.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return links
