"""The API's routes: for every list in COLLECTIONS, /<name> (a page of records),
/<name>/<key> (one record) and, where it has a table, /<name>.csv and /<name>.xlsx (every
matching record, the columns of its dataset in opendata/datasets);
plus the index, the report statistics and the OpenAPI document."""

import json
from datetime import UTC, datetime

from flask import Blueprint, Response, request, url_for

from ..services.common.cursor import InvalidCursor
from ..services.opendata.params import ParameterError, Query, cursor_error, parse_query
from ..services.reports.periods import InvalidPeriod, published_period
from ..services.reports.stats import report_stats
from ..services.reports.stats_export import stats_document
from ..services.reports.stats_public import published_stats
from ..services.reports.verified_rate import with_verified_rate
from ..settings import settings
from .catalogue import COLLECTIONS
from .collections import Collection
from .cors import init_cors
from .datasets import BY_COLLECTION
from .downloads import download, header_choice
from .errors import ApiError, init_errors
from .openapi import STATS_FILTERS, openapi_document
from .serializers import iso_time


def json_response(body: dict) -> Response:
    # Chinese as written, not \u escapes: people read these files as well as programs.
    return Response(json.dumps(body, ensure_ascii=False), mimetype="application/json")


def query_for(
    collection: Collection | None = None, *, paginated: bool = False, args: dict | None = None
) -> Query:
    args = request.args.to_dict(flat=False) if args is None else args
    if collection is None:
        return parse_query(args, ())
    key_types = collection.key_types if paginated else None
    return parse_query(args, collection.filters, key_types=key_types)


def fetch(collection: Collection, query: Query):
    try:
        return collection.page(query.filters, query.after, query.limit)
    except InvalidCursor:
        raise cursor_error() from None


def list_view(collection: Collection):
    def view():
        query = query_for(collection, paginated=True)
        page = fetch(collection, query)
        following = None
        if page.next_cursor is not None:
            following = url_for(
                request.endpoint, **query.raw, limit=query.limit,
                cursor=page.next_cursor, _external=True,
            )  # fmt: skip
        return json_response(
            {"data": [collection.record(item) for item in page.items], "next": following}
        )

    return view


def record_view(collection: Collection):
    def view(key: str):
        query_for()
        item = collection.find(key)
        if item is None:
            raise ApiError(
                404, "not_found", f"没有“{key}”这条记录（{collection.title}）。",
                f"No record '{key}' in {collection.name}.",
            )  # fmt: skip
        return json_response({"data": collection.record(item)})

    return view


def file_view(collection: Collection, extension: str):
    """Every matching record as a table (CSV or XLSX), the columns its dataset declares."""
    dataset = BY_COLLECTION[collection.name]

    def view():
        args = request.args.to_dict(flat=False)
        header = header_choice(args)
        query = query_for(collection, args=args)
        return download(dataset, dataset.table(query.filters), header, extension)

    return view


def api_blueprint() -> Blueprint:
    """The API at /api/v1: its index, a list, a record and a CSV route for every collection,
    the report statistics and the OpenAPI document; open to any origin; errors as JSON."""
    bp = Blueprint("api", __name__, url_prefix="/api/v1")
    bp.add_url_rule("/", "index", index)
    for c in COLLECTIONS.values():
        bp.add_url_rule(f"/{c.name}", c.endpoint, list_view(c))
        bp.add_url_rule(f"/{c.name}/<key>", f"{c.endpoint}_record", record_view(c))
        if c.has_csv:
            bp.add_url_rule(f"/{c.name}.csv", f"{c.endpoint}_csv", file_view(c, "csv"))
            bp.add_url_rule(f"/{c.name}.xlsx", f"{c.endpoint}_xlsx", file_view(c, "xlsx"))
    bp.add_url_rule("/report-stats", "report_stats", report_stats_view)
    bp.add_url_rule("/openapi.json", "openapi", openapi)
    init_cors(bp)
    init_errors(bp)
    return bp


def index():
    query_for()
    collections = [
        {
            "name": c.name,
            "title": c.title,
            "url": url_for(f"api.{c.endpoint}", _external=True),
            "csv": url_for(f"api.{c.endpoint}_csv", _external=True) if c.has_csv else None,
            "xlsx": url_for(f"api.{c.endpoint}_xlsx", _external=True) if c.has_csv else None,
        }
        for c in COLLECTIONS.values()
    ]
    return json_response(
        {
            "data": {
                "collections": collections,
                "report_stats": url_for("api.report_stats", _external=True),
                "openapi": url_for("api.openapi", _external=True),
                "documentation": url_for("api_docs.docs", _external=True),
                "datasets": url_for("api_docs.data_catalogue", _external=True),
                "datapackage": url_for("api_docs.datapackage_json", _external=True),
            }
        }
    )


def report_stats_view():
    query = parse_query(request.args.to_dict(flat=False), STATS_FILTERS)
    now = datetime.now(UTC)
    try:
        period = published_period(query.filters.get("year"), now)
    except InvalidPeriod as error:
        raise ParameterError(
            "invalid_filter", "year", str(error), "No statistics for that year."
        ) from None
    figures = published_stats(report_stats(period, now, settings().time_limits))
    document = stats_document(with_verified_rate(figures))
    document["as_of"] = iso_time(now)  # the city's offset, like every other time in the API
    document["url"] = url_for("reports.stats", **query.raw, _external=True)
    return json_response({"data": document})


def openapi():
    query_for()
    return json_response(openapi_document())
