"""Public bulletin pages: the list, one bulletin, an earlier text, an attachment.

A draft answers 404 exactly like a missing id (before any slug redirect, so nothing leaks);
a withdrawn bulletin answers 410 Gone with the public reason, at every one of its URLs.
"""

from flask import abort, redirect, render_template, request, send_file, url_for

from ..models import BulletinKind, BulletinTopic
from ..services.bulletins import attachments as bulletin_files
from ..services.bulletins import queries, versions
from ..services.common.paging import InvalidPageNumber, parse_page_number
from ..services.common.versions import InvalidVersions, latest_correction
from ..web.errors import render_error
from . import bp


@bp.get("/bulletins")
def index():
    try:
        filters = queries.parse_filters(
            request.args.get("kind"), request.args.get("year"), request.args.get("topic")
        )
        page = queries.bulletin_page(filters, parse_page_number(request.args.get("page")))
    except (queries.InvalidFilter, InvalidPageNumber) as invalid:
        return render_error(400, str(invalid))
    years = queries.publication_years()
    return render_template(
        "bulletins/index.html", page=page, filters=filters, kinds=BulletinKind, years=years,
        topics=BulletinTopic,
    )  # fmt: skip


@bp.errorhandler(queries.Withdrawn)
def _withdrawn(gone: queries.Withdrawn):
    return render_template("bulletins/withdrawn.html", bulletin=gone.bulletin), 410


@bp.get("/bulletins/<int:bulletin_id>")
@bp.get("/bulletins/<int:bulletin_id>-<slug>")
def detail(bulletin_id: int, slug: str = ""):
    bulletin = queries.public_bulletin(bulletin_id)
    if slug != bulletin.slug:
        return redirect(url_for(".detail", bulletin_id=bulletin.id, slug=bulletin.slug), 301)
    return _current(bulletin)


def _current(bulletin):
    correction = latest_correction(bulletin.revisions)
    return render_template("bulletins/detail.html", bulletin=bulletin, correction=correction)


@bp.get("/bulletins/<int:bulletin_id>/v/<int:number>")
def version(bulletin_id: int, number: int):
    """The permalink of one version: the text a citation of 第 n 版 quoted, for good."""
    bulletin = queries.public_bulletin(bulletin_id)
    if number == bulletin.revision:
        return _current(bulletin)
    earlier = queries.earlier_text(bulletin, number)
    return render_template(
        "bulletins/revision.html", bulletin=bulletin, earlier=earlier, kinds=BulletinKind
    )


@bp.get("/bulletins/<int:bulletin_id>/diff")
def diff(bulletin_id: int):
    bulletin = queries.public_bulletin(bulletin_id)
    try:
        compared = versions.compare_versions(
            bulletin, request.args.get("from"), request.args.get("to")
        )
    except InvalidVersions as invalid:
        return render_error(400, str(invalid))
    return render_template("bulletins/diff.html", bulletin=bulletin, compared=compared)


@bp.get("/bulletins/<int:bulletin_id>-<slug>/revisions/<int:number>")
def revision(bulletin_id: int, slug: str, number: int):
    bulletin = queries.public_bulletin(bulletin_id)
    earlier = queries.earlier_text(bulletin, number)
    if slug != bulletin.slug:
        url = url_for(".revision", bulletin_id=bulletin.id, slug=bulletin.slug, number=number)
        return redirect(url, 301)
    return render_template(
        "bulletins/revision.html", bulletin=bulletin, earlier=earlier, kinds=BulletinKind
    )


@bp.get("/bulletins/<int:bulletin_id>/attachments/<int:attachment_id>")
def attachment(bulletin_id: int, attachment_id: int):
    bulletin = queries.public_bulletin(bulletin_id)
    return send_attachment(bulletin, attachment_id)


def send_attachment(bulletin, attachment_id: int):
    """A PDF as a download, never rendered in place and never sniffed as anything else."""
    try:
        file = bulletin_files.attachment_file(bulletin, attachment_id)
    except (FileNotFoundError, ValueError):  # the file is gone, or its path is not ours
        abort(404)
    response = send_file(
        file.path, mimetype="application/pdf", as_attachment=True, download_name=file.download_name
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
