"""Public pages of the registers: /exposures, /phase-out, /enterprises."""

from flask import redirect, render_template, request, url_for

from ..clock import today_local
from ..models import District, Industry, Penalty, PhaseOutCategory, Rectification
from ..services.common.paging import InvalidPageNumber, parse_page_number
from ..services.common.versions import InvalidVersions, latest_correction
from ..services.registers import enterprises, exposure_versions
from ..services.registers import exposure_listing as pages
from ..services.registers import phase_out as phase_out_service
from ..services.registers.exposures import violation_types
from ..services.registers.fields import InvalidFilter, RecordNotFound
from ..web.errors import render_error
from . import bp


def _labels() -> dict:
    """Chinese labels and filter options every register page may need."""
    return {
        "penalty_names": dict(Penalty.choices()),
        "districts": District.choices(),
        "industries": Industry.choices(),
        "rectifications": Rectification.choices(),
        "phase_out_industries": [(i.value, i.label) for i in phase_out_service.INDUSTRIES],
        "categories": PhaseOutCategory.choices(),
        "phase_out_statuses": phase_out_service.PhaseOutStatus.choices(),
    }


@bp.get("/exposures")
def exposures():
    names = violation_types()
    context = {"names": names, "years": pages.publication_years(), **_labels()}
    try:
        filters = pages.parse_filters(request.args, names)
        page = pages.exposures_page(filters, parse_page_number(request.args.get("page")))
    except (InvalidFilter, InvalidPageNumber) as error:
        template = "registers/exposures.html"
        return render_template(template, page=None, error=str(error), **context), 400
    return render_template("registers/exposures.html", page=page, filters=filters, **context)


@bp.get("/exposures/<int:exposure_id>")
def exposure(exposure_id: int):
    return _current(pages.get_exposure(exposure_id))


def _current(record):
    return render_template(
        "registers/exposure.html",
        record=record,
        names=violation_types(),
        outcome_number=pages.outcome_number(record),
        correction=latest_correction(record.revisions),
        **_labels(),
    )


@bp.get("/exposures/<int:exposure_id>/v/<int:number>")
def exposure_version(exposure_id: int, number: int):
    """The permalink of one version: the record as a citation of 第 n 版 quoted it."""
    record = pages.get_exposure(exposure_id)
    if number == record.revision:
        return _current(record)
    version = pages.earlier_version(exposure_id, number)
    return render_template(
        "registers/exposure_revision.html", record=version, names=violation_types(), **_labels()
    )


@bp.get("/exposures/<int:exposure_id>/diff")
def exposure_diff(exposure_id: int):
    try:
        record, compared = exposure_versions.compare_versions(
            exposure_id, request.args.get("from"), request.args.get("to")
        )
    except InvalidVersions as invalid:
        return render_error(400, str(invalid))
    return render_template("registers/exposure_diff.html", record=record, compared=compared)


@bp.get("/exposures/<int:exposure_id>/revisions/<int:revision>")
def exposure_revision(exposure_id: int, revision: int):
    try:
        version = pages.earlier_version(exposure_id, revision)
    except RecordNotFound:
        if _is_current(exposure_id, revision):
            return redirect(url_for(".exposure", exposure_id=exposure_id), 303)
        raise
    return render_template(
        "registers/exposure_revision.html", record=version, names=violation_types(), **_labels()
    )


def _is_current(exposure_id: int, revision: int) -> bool:
    try:
        return pages.get_exposure(exposure_id).revision == revision
    except RecordNotFound:
        return False


@bp.get("/phase-out")
def phase_out():
    today = today_local()
    context = {"today": today, **_labels()}
    try:
        filters = phase_out_service.parse_filters(request.args)
    except InvalidFilter as error:
        return render_template("registers/phase_out.html", error=str(error), **context), 400
    listing = phase_out_service.phase_out_list(filters, today)
    return render_template("registers/phase_out.html", listing=listing, **context)


@bp.get("/phase-out/<int:item_id>")
def phase_out_item(item_id: int):
    today = today_local()
    item = phase_out_service.get_item(item_id)
    return render_template(
        "registers/phase_out_item.html",
        item=item,
        status=phase_out_service.status_of(item, today),
        today=today,
    )


@bp.get("/enterprises", endpoint="enterprises")
def enterprises_index():
    return render_template("registers/enterprises.html", enterprises=enterprises.list_enterprises())


@bp.get("/enterprises/<int:enterprise_id>")
def enterprise(enterprise_id: int):
    today = today_local()
    details = enterprises.enterprise_details(enterprise_id, today)
    return render_template(
        "registers/enterprise.html",
        details=details,
        status_of=phase_out_service.status_of,
        names=violation_types(),
        **_labels(),
    )
