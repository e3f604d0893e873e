"""/data (开放数据): the catalogue of every published table, a dictionary page for each
(/data/<dataset>), its downloads (/data/<dataset>.csv, .xlsx, .json) and the data package
(/data/datapackage.json)."""

from dataclasses import dataclass

from flask import Response, abort, render_template, request

from ..services.opendata.params import ParameterError
from . import docs_bp
from .datapackage import datapackage
from .datasets import DATASETS, LICENCE
from .downloads import download, header_choice
from .tables import TYPE_LABELS, Dataset
from .views import json_response

FORMATS = ("csv", "xlsx", "json")


@dataclass(frozen=True)
class Entry:
    dataset: Dataset
    rows: int
    modified: str | None


def entry(dataset: Dataset) -> Entry:
    table = dataset.table()
    modified = None
    if dataset.modified:
        position = dataset.keys.index(dataset.modified)
        dates = [row[position] for row in table if row[position]]
        modified = max(dates)[:10] if dates else None
    return Entry(dataset, len(table), modified)


@docs_bp.get("/data")
def data_catalogue():
    return render_template(
        "data/catalogue.html", entries=[entry(d) for d in DATASETS.values()], licence=LICENCE
    )


@docs_bp.get("/data/datapackage.json")
def datapackage_json():
    return json_response(datapackage())


@docs_bp.get("/data/<name>")
def dataset(name: str):
    stem, _, extension = name.rpartition(".")
    if extension not in FORMATS:
        stem, extension = name, ""
    found = DATASETS.get(stem)
    if found is None:
        abort(404)
    if not extension:
        return render_template(
            "data/dictionary.html", dataset=found, types=TYPE_LABELS, licence=LICENCE
        )
    try:
        args = request.args.to_dict(flat=False)
        header = header_choice(args)
        narrow = narrowing(found, args)
    except ParameterError as error:
        return Response(error.message_zh, status=400, mimetype="text/plain")
    table = found.table(narrow=narrow)
    if extension == "json":
        return json_response({"data": [dict(zip(found.keys, row, strict=True)) for row in table]})
    return download(found, table, header, extension)


def narrowing(dataset: Dataset, args: dict[str, list[str]]) -> dict[str, str]:
    """?column=value for the columns a download may be narrowed by; anything else is refused."""
    narrow = {}
    for key, values in args.items():
        if key not in dataset.narrow_by or len(values) != 1:
            allowed = "、".join(("header", *dataset.narrow_by))
            raise ParameterError(
                "unknown_filter", key,
                f"不支持查询参数“{key}”（或重复给出）。此下载可用的参数：{allowed}。",
                f"Unknown or repeated query parameter '{key}'.",
            )  # fmt: skip
        narrow[key] = values[0]
    return narrow
