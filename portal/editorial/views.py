"""Thin views for progress notes: the list of subjects, and one subject's form and history."""

from flask import flash, redirect, render_template, url_for

from ..admin.access import actor, editor_only
from ..clock import today_local
from ..services.plan import progress
from . import bp
from .forms import ProgressForm

# URL segment → subject kind.
KINDS = {"commitments": "commitment", "projects": "project"}
SUBJECT_URL = "/<any(commitments, projects):kinds>/<code>"


@bp.get("")
@editor_only
def overview():
    return render_template("editorial/overview.html", overview=progress.overview())


@bp.get(SUBJECT_URL)
@editor_only
def subject(kinds: str, code: str):
    form = ProgressForm(formdata=None, noted_on=today_local().isoformat())
    return _subject_page(kinds, code, form)


@bp.post(SUBJECT_URL)
@editor_only
def record(kinds: str, code: str):
    form = ProgressForm()
    try:
        progress.record_progress(
            KINDS[kinds], code, form.status.data, form.note.data, form.noted_on.data, actor()
        )
    except progress.InvalidProgress as invalid:
        form.add_errors(invalid.errors)
        return _subject_page(kinds, code, form, 400)
    flash("进展已记录，公开页面已更新。")
    return redirect(url_for(".subject", kinds=kinds, code=code), 303)


def _subject_page(kinds: str, code: str, form: ProgressForm, status: int = 200):
    tracked = progress.progress_subject(KINDS[kinds], code)
    options = [(s.value, s.label, None) for s in tracked.kind.statuses]
    return render_template(
        "editorial/subject.html", tracked=tracked, kinds=kinds, form=form, status_options=options
    ), status
