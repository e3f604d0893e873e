"""The editors' CSV upload: check every row, then import all of them or none."""

from flask import flash, redirect, render_template, url_for

from ..admin.access import actor, editor_only
from ..clock import today_local
from ..services.registers import csv_import as register_import
from . import admin_bp
from .forms import ImportForm


def _page(form: ImportForm, errors=(), checked=None, status: int = 200):
    return render_template(
        "registers/admin_import.html",
        form=form,
        kinds=list(register_import.KINDS.items()),
        columns=register_import.COLUMNS,
        required=register_import.REQUIRED,
        errors=errors,
        checked=checked,
    ), status


@admin_bp.get("/registers/import")
@editor_only
def import_form():
    return _page(ImportForm(formdata=None, kind="exposures"))


@admin_bp.post("/registers/import")
@editor_only
def import_upload():
    form = ImportForm()
    upload = form.file.data
    if not upload or not getattr(upload, "filename", ""):
        form.file.errors = ["请选择要导入的 CSV 文件。"]
        return _page(form, status=400)
    try:
        result = register_import.import_records(
            form.kind.data or "", upload.read(register_import.MAX_BYTES + 1), actor(),
            today_local(), filename=upload.filename, check_only=bool(form.check_only.data),
        )  # fmt: skip
    except register_import.ImportFailed as failure:
        return _page(form, errors=failure.errors, status=400)
    if result.checked_only:
        return _page(form, checked=result)
    flash(_summary(result))
    return redirect(url_for(".import_form"), 303)


def _summary(result: register_import.ImportResult) -> str:
    kind = register_import.KINDS[result.kind]
    return f"已导入{kind} {result.records} 条，新登记企业 {result.enterprises_created} 家。"
