"""A table as a file: CSV or XLSX, with the Chinese header row by default and the stable
English keys on `?header=key`. The API's /api/v1/<list>.csv and .xlsx and the open-data
downloads at /data/<dataset>.csv and .xlsx are all written here."""

from collections.abc import MutableMapping, Sequence

from flask import Response

from ..services.opendata.csv_export import table_csv
from ..services.opendata.params import ParameterError
from ..services.opendata.xlsx_export import table_xlsx
from .tables import Dataset

HEADERS = ("title", "key")  # ?header=title (default): 中文名; ?header=key: English keys
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header_choice(args: MutableMapping[str, list[str]]) -> str:
    """Take `header` out of the query (the list filters never see it) and check it."""
    values = args.pop("header", ["title"])
    if len(values) != 1 or values[0] not in HEADERS:
        raise ParameterError(
            "invalid_filter",
            "header",
            "参数 header 只能是 title（中文列名，默认）或 key（英文列名）。",
            "header must be 'title' (Chinese column names, the default) or 'key'.",
        )
    return values[0]


def download(dataset: Dataset, table: Sequence[Sequence], header: str, extension: str):
    names = dataset.keys if header == "key" else dataset.titles
    disposition = f'attachment; filename="{dataset.name}.{extension}"'
    if extension == "xlsx":
        numeric = [c.type in ("integer", "number") for c in dataset.columns]
        body = table_xlsx(dataset.title, names, table, numeric)
        return Response(body, mimetype=XLSX, headers={"Content-Disposition": disposition})
    body = table_csv(names, table)
    return Response(body, mimetype="text/csv", headers={"Content-Disposition": disposition})
