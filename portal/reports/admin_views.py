"""Moderators' views: dashboard, queue, one report, its transitions and follow-up."""

import time
from datetime import UTC, datetime

from flask import abort, flash, redirect, render_template, request, send_file, url_for

from ..admin.access import actor, moderator_only
from ..clock import today_local
from ..models import Channel, Conclusion, District, HandlingMeasure
from ..services.reports import (
    corrections,
    due,
    duplicates,
    enterprise_links,
    form_tokens,
    moderation,
    reply_templates,
    satisfaction,
    workflow,
)
from ..services.reports.choices import queue_choices
from ..services.reports.deadlines import overdue_reason
from ..services.reports.intake import list_categories, submit_report
from ..services.reports.location import map_links
from ..services.reports.queue import queue_page
from ..services.reports.queue_export import EXPORT_LIMIT
from ..services.reports.rules import InvalidReport
from ..settings import settings
from ..web.forms import ConfirmForm
from ..web.security import CONTENT_SECURITY_POLICY
from . import admin_bp
from .admin_forms import (
    CorrectionForm,
    IntakeForm,
    NoteForm,
    OutcomeForm,
    QuestionForm,
    SuperviseForm,
    UrgeForm,
)
from .queue_filters import filters_from_args


@admin_bp.get("")
@moderator_only
def queue():
    filters, errors = filters_from_args(request.args)
    now, limits = datetime.now(UTC), settings().time_limits
    page = queue_page(filters, request.args.get("after"), now, limits)
    return render_template(
        "reports/admin_queue.html",
        page=page,
        overdue={r.id: overdue_reason(r, now, limits) for r in page.items},
        days_left={r.id: due.days_left(r, now) for r in page.items},
        duplicate_hints=duplicates.hints_for(page.items),
        choices=queue_choices(),
        filter_errors=errors,
        export_limit=EXPORT_LIMIT,
        export_args={k: v for k, v in request.args.items() if k not in ("after", "fmt")},
    ), (400 if errors else 200)


PDF = "application/pdf"
PDF_POLICY = "sandbox; default-src 'none'; frame-ancestors 'self'"
# The report's page frames its PDF evidence: that same-origin route only, nothing else.
REPORT_PAGE_POLICY = f"{CONTENT_SECURITY_POLICY}; frame-src 'self'"


def _report_page(number: str, status: int = 200, **extra):
    report = moderation.load_report(number)
    now, limits = datetime.now(UTC), settings().time_limits
    query = " ".join(request.args.get("enterprise_q", "").split())[:100]
    page = render_template(
        "reports/admin_report.html",
        report=report,
        actions=workflow.available_actions(report),
        transitions=workflow.TRANSITIONS,
        overdue=overdue_reason(report, now, limits),
        accept_by=limits.accept_by(report),
        resolve_by=limits.resolve_by(report),
        review_by=limits.review_by(report),
        rating=satisfaction.rating_of(report),
        departments=queue_choices().departments,
        outcome=moderation.outcome_of(report),
        map_links=[] if report.latitude is None else map_links(report.latitude, report.longitude),
        confirm=ConfirmForm(),
        conclusions=Conclusion.offered(),
        measures=list(HandlingMeasure),
        note_form=extra.pop("note_form", None) or NoteForm(formdata=None),
        question_form=extra.pop("question_form", None) or QuestionForm(formdata=None),
        supervise_form=extra.pop("supervise_form", None) or SuperviseForm(formdata=None),
        urge_form=extra.pop("urge_form", None) or UrgeForm(formdata=None),
        correction_form=extra.pop("correction_form", None) or _correction_form(report),
        original=corrections.original_of(report),
        duplicate_hints=duplicates.hints_for([report]).get(report.id, []),
        duplicates=duplicates.duplicates_of(report),
        reply_options=_reply_options(),
        chosen_reply=_chosen_reply(report),
        enterprise_query=query,
        enterprise_matches=enterprise_links.search_enterprises(query),
        category_options=[(c.code, c.name) for c in list_categories()],
        district_options=District.choices(),
        **extra,
    )
    return page, status, {"Content-Security-Policy": REPORT_PAGE_POLICY}


@admin_bp.get("/<number>")
@moderator_only
def report(number: str):
    page = _report_page(number)  # raises (404) for an unknown number: nothing to audit
    moderation.record_view(number, actor())
    return page


@admin_bp.post("/<number>/transition/<action>")
@moderator_only
def transition(number: str, action: str):
    form = NoteForm()
    try:
        workflow.transition(
            number,
            action,
            actor=actor(),
            now=datetime.now(UTC),
            public_note=form.public_note.data or "",
            internal_note=form.internal_note.data or "",
            department_code=form.department.data or "",
            duplicate_of=form.duplicate_of.data or "",
            conclusion=form.conclusion.data or "",
            measures=form.measures.data or [],
            handling_note=form.handling_note.data or "",
        )
    except workflow.WorkflowError as error:
        return _report_page(
            number, 400, note_form=form, action_error=str(error), failed_action=action
        )
    flash(f"已{workflow.TRANSITIONS[action].label}。")
    return redirect(url_for(".report", number=number), 303)


def _reply_options() -> dict[str, list[tuple[int, str]]]:
    options: dict[str, list[tuple[int, str]]] = {}
    for template in reply_templates.list_templates():
        options.setdefault(template.use.value, []).append((template.id, template.title))
    return options


def _chosen_reply(report) -> tuple[str, int, str] | None:
    """The template picked in an action form (?template=<id>, a GET that works without JS):
    (its use, its id, its text filled in for this report)."""
    chosen = request.args.get("template", "")
    if not chosen.isdigit() or len(chosen) > 9:
        return None
    try:
        template = reply_templates.get_template(int(chosen))
    except reply_templates.TemplateNotFound:
        return None
    return template.use.value, template.id, reply_templates.fill(template, report, today_local())


def _correction_form(report) -> CorrectionForm:
    return CorrectionForm(
        formdata=None,
        category=report.category.code,
        district=report.district.value,
        place=report.place,
        occurred_on=report.occurred_on.isoformat(),
        subject=report.subject or "",
    )


@admin_bp.post("/<number>/correct")
@moderator_only
def correct(number: str):
    form = CorrectionForm()
    entered = corrections.Correction(
        category=form.category.data or "",
        district=form.district.data or "",
        place=form.place.data or "",
        occurred_on=form.occurred_on.data or "",
        subject=form.subject.data or "",
        reason=form.reason.data or "",
    )
    try:
        changed = corrections.correct_report(number, entered, actor(), datetime.now(UTC))
    except workflow.WorkflowError as error:
        return _report_page(number, 400, correction_form=form, correction_error=str(error))
    flash(f"已更正：{'、'.join(changed)}。举报人原填写的内容已保留。")
    return redirect(url_for(".report", number=number), 303)


@admin_bp.post("/<number>/enterprise")
@moderator_only
def link_enterprise(number: str):
    chosen = request.form.get("enterprise_id", "")
    try:
        report = enterprise_links.link_enterprise(number, chosen, actor(), datetime.now(UTC))
    except workflow.WorkflowError as error:
        return _report_page(number, 400, enterprise_error=str(error))
    flash(f"已关联企业：{report.enterprise.name}。" if report.enterprise else "已取消关联企业。")
    return redirect(url_for(".report", number=number), 303)


@admin_bp.post("/<number>/contacts")
@moderator_only
def reveal_contacts(number: str):
    contacts = moderation.reveal_contacts(number, actor())
    return _report_page(number, contacts=contacts)


@admin_bp.get("/<number>/evidence/<int:evidence_id>")
@moderator_only
def evidence(number: str, evidence_id: int):
    # A <video> asks in ranges; a range that does not start at 0 continues a viewing.
    continued = request.range is not None and request.range.ranges[0][0] != 0
    try:
        file = moderation.evidence_for_download(number, evidence_id, actor(), continued=continued)
    except (FileNotFoundError, ValueError):  # the file is gone, or its path is not ours
        abort(404)
    response = _staff_file(file, inline=file.media_type.startswith(("image/", "video/", PDF)))
    if file.media_type == PDF:
        # Shown in a frame of the report's page: a sandbox with no scripts, forms or origin,
        # framable by this site only.
        response.headers["Content-Security-Policy"] = PDF_POLICY
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
    return response


@admin_bp.get("/<number>/evidence/<int:evidence_id>/thumbnail")
@moderator_only
def evidence_thumbnail(number: str, evidence_id: int):
    try:
        file = moderation.evidence_thumbnail(number, evidence_id)
    except (FileNotFoundError, ValueError):
        abort(404)
    return _staff_file(file, inline=True)


def _staff_file(file: moderation.EvidenceFile, *, inline: bool):
    """Pictures and videos open in the browser (they were rebuilt at intake); anything else
    downloads. Ranges are answered (send_file is conditional), so a video can seek."""
    response = send_file(
        file.path,
        mimetype=file.media_type,
        as_attachment=not inline,
        download_name=file.download_name,
        conditional=True,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    return response


@admin_bp.post("/<number>/question")
@moderator_only
def ask_question(number: str):
    form = QuestionForm()
    try:
        moderation.ask_reporter(number, form.question.data or "", actor(), datetime.now(UTC))
    except workflow.WorkflowError as error:
        return _report_page(number, 400, question_form=form, question_error=str(error))
    flash("问题已发出，举报人凭举报编号和回执码查询时会看到。")
    return redirect(url_for(".report", number=number), 303)


@admin_bp.post("/<number>/read")
@moderator_only
def mark_read(number: str):
    moderation.mark_replies_read(number, actor())
    return redirect(url_for(".report", number=number), 303)


@admin_bp.route("/<number>/outcome", methods=["GET", "POST"])
@moderator_only
def outcome(number: str):
    form = OutcomeForm()
    if request.method == "POST":
        try:
            moderation.publish_outcome(
                number, form.summary.data or "", form.result.data or "", actor(), datetime.now(UTC)
            )
        except workflow.WorkflowError as error:
            form.summary.errors = [str(error)]
        else:
            flash("办理结果已公开。")
            return redirect(url_for(".report", number=number), 303)
    else:
        report = moderation.load_report(number)
        existing = moderation.outcome_of(report)
        form.summary.data = existing.summary if existing else ""
        form.result.data = existing.result if existing else report.public_result
    report = moderation.load_report(number)
    status = 400 if form.errors else 200
    return render_template("reports/admin_outcome.html", form=form, report=report), status


@admin_bp.route("/new", methods=["GET", "POST"])
@moderator_only
def intake():
    form = IntakeForm()
    if request.method == "GET":
        form.form_token.data = form_tokens.issue()
        return _intake_page(form)
    stamp = form_tokens.read(form.form_token.data, time.time())
    if stamp is None:
        form.form_token.data = form_tokens.issue()
        return _intake_page(form, 400, "表单已过期，请核对后重新提交。")
    try:
        channel = Channel(form.channel.data or "")
        if channel == Channel.WEB:
            raise ValueError
    except ValueError:
        form.channel.errors = ["请选择登记渠道：电话、来信或来访。"]
        return _intake_page(form, 400)
    try:
        result = submit_report(
            form.as_input(),
            token=stamp.token,
            channel=channel,
            intake_by=actor(),
            now=datetime.now(UTC),
        )
    except InvalidReport as invalid:
        form.add_errors(invalid.errors)
        return _intake_page(form, 400)
    receipt = {
        "number": result.report.number,
        "code": result.receipt_code,
        "created": result.created,
    }
    return render_template("reports/admin_intake_receipt.html", receipt=receipt)


def _intake_page(form, status: int = 200, notice: str | None = None):
    return render_template(
        "reports/admin_intake.html",
        form=form,
        category_options=[(c.code, c.name, c.explanation) for c in list_categories()],
        district_options=[("", "请选择"), *District.choices()],
        channel_options=[(c.value, c.label, None) for c in Channel if c != Channel.WEB],
        notice=notice,
    ), status
