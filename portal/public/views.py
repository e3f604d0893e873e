"""Thin views: call a service, render a template."""

from flask import redirect, render_template, request, url_for

from ..clock import today_local
from ..database import database_is_healthy
from ..services.plan import commitments as commitment_service
from ..services.plan import front_page
from ..services.plan import sections as plan_service
from ..services.plan import targets as target_service
from ..services.plan.document_meta import PLAN_METADATA
from ..services.plan.projects import list_project_groups
from ..web.care_mode import remember
from ..web.errors import render_error
from ..web.links import bulletin_url
from ..web.redirects import safe_next
from ..web.target_charts import indicator_chart
from . import bp


@bp.get("/")
def home():
    today = today_local()
    return render_template(
        "public/home.html",
        document=plan_service.plan_document(),
        latest=front_page.latest(today),
        overview=target_service.progress_overview(),
        today=today,
    )


@bp.get("/mode/<any(care, standard):mode>")
def mode(mode: str):
    """The header's 关怀版 switch: keep the choice, then back to the page it was clicked on."""
    response = redirect(safe_next(request.args.get("next")) or url_for("public.home"), 303)
    response.headers["Cache-Control"] = "no-store"
    return remember(response, mode)


@bp.get("/contact")
def contact():
    return render_template("public/contact.html")


@bp.get("/sitemap")
def sitemap():
    return render_template("public/sitemap.html", plan=plan_service.load_plan())


@bp.get("/disclosure-guide")
def disclosure_guide():
    return render_template("public/disclosure_guide.html")


@bp.get("/plan")
def plan():
    return render_template(
        "public/plan.html", plan=plan_service.load_plan(), plan_meta=PLAN_METADATA
    )


@bp.get("/plan/<slug>")
def plan_section(slug: str):
    section = plan_service.get_section(slug)
    previous, following = plan_service.neighbours(section)
    return render_template(
        "public/plan_section.html",
        section=section,
        trail=plan_service.section_trail(section),
        records=plan_service.section_records(section),
        previous=previous,
        following=following,
    )


@bp.get("/targets")
def targets():
    overview = target_service.progress_overview()
    return render_template(
        "public/targets.html",
        overview=overview,
        changes={p.indicator.id: target_service.required_change(p.indicator) for p in overview},
    )


@bp.get("/targets/<code>")
def target_detail(code: str):
    progress = target_service.indicator_progress(code)
    return render_template(
        "public/target_detail.html",
        progress=progress,
        change=target_service.required_change(progress.indicator),
        chart=indicator_chart(progress),
        bulletin_url=bulletin_url,
    )


@bp.get("/commitments")
def commitments():
    today = today_local()
    items = commitment_service.list_commitments()
    return render_template(
        "public/commitments.html",
        years=commitment_service.timeline_by_year(items, today),
        glance=commitment_service.glance(items, today),
        today=today,
    )


@bp.get("/projects")
def projects():
    return render_template("public/projects.html", groups=list_project_groups())


@bp.get("/errors/413")
def too_large():
    """The page nginx shows when it refuses an upload itself (error_page 413)."""
    return render_error(413)


@bp.get("/healthz")
def healthz():
    if not database_is_healthy():
        return {"status": "error", "database": "unavailable"}, 503
    return {"status": "ok", "database": "ok"}
