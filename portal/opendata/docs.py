"""/api: the human documentation of the open-data API, built from the same table as the API."""

from dataclasses import dataclass
from datetime import UTC, datetime

from flask import render_template, url_for

from ..services.opendata.params import DEFAULT_LIMIT, MAX_LIMIT, Filter
from ..services.reports.periods import last_closed_month
from . import docs_bp
from .catalogue import COLLECTIONS
from .openapi import STATS_FILTERS

ENUM_SHOWN_UP_TO = 12  # longer lists (section slugs…) are left to the OpenAPI document


@dataclass(frozen=True)
class ParameterRow:
    name: str
    description: str
    values: list[str] | None


def parameter_rows(filters: tuple[Filter, ...]) -> list[ParameterRow]:
    rows = []
    for spec in filters:
        schema = spec.schema()
        values = schema.get("enum")
        if schema.get("type") == "boolean":
            values = ["true", "false"]
        elif values is None and "minimum" in schema:
            values = [f"{schema['minimum']}–{schema['maximum']}"]
        shown = values if values and len(values) <= ENUM_SHOWN_UP_TO else None
        rows.append(ParameterRow(spec.name, spec.description, shown))
    return rows


@docs_bp.get("/api")
def docs():
    return render_template(
        "api/docs.html",
        base=url_for("api.index", _external=True).rstrip("/"),
        collections=[(c, parameter_rows(c.filters)) for c in COLLECTIONS.values()],
        stats_parameters=parameter_rows(STATS_FILTERS),
        example_year=last_closed_month(datetime.now(UTC)).year,  # a year with statistics
        default_limit=DEFAULT_LIMIT,
        max_limit=MAX_LIMIT,
    )
