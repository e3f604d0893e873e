"""Public report statistics (HTML, CSV, JSON) and the published outcomes of handled reports."""

import json
from datetime import UTC, datetime

from flask import Response, abort, render_template, request

from ..services.common.paging import InvalidPageNumber, parse_page_number
from ..services.reports.outcome_filters import (
    InvalidOutcomeFilter,
    OutcomeFilters,
    filter_choices,
    parse_filters,
)
from ..services.reports.outcomes import outcomes_page, published_outcome
from ..services.reports.periods import InvalidPeriod, last_closed_month, published_period
from ..services.reports.stats import report_stats, years_with_reports
from ..services.reports.stats_export import stats_csv, stats_document
from ..services.reports.stats_public import PublishedStats, published_stats
from ..services.reports.verified_rate import with_verified_rate
from ..settings import settings
from ..web.charts import bar_chart
from . import bp


def _requested_stats() -> PublishedStats:
    """The statistics for ?year=YYYY, or for the last twelve closed months; 404 for any
    other year."""
    now = datetime.now(UTC)
    year = request.args.get("year", type=int)
    if "year" in request.args and year is None:
        abort(404)
    try:
        period = published_period(year, now)
    except InvalidPeriod:
        abort(404)
    return with_verified_rate(published_stats(report_stats(period, now, settings().time_limits)))


@bp.get("/reports/stats")
def stats():
    figures = _requested_stats()
    return render_template(
        "reports/stats.html",
        stats=figures,
        charts=stats_charts(figures),
        years=years_with_reports(last_closed_month(figures.as_of).start()),
    )


@bp.get("/reports/stats.csv")
def stats_as_csv():
    figures = _requested_stats()
    filename = f"report-stats-{figures.period.slug}.csv"
    return Response(
        stats_csv(figures),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/reports/stats.json")
def stats_as_json():
    # Chinese names as written, not \u escapes: the file is read by people as well as programs.
    body = json.dumps(stats_document(_requested_stats()), ensure_ascii=False)
    return Response(body, mimetype="application/json")


@bp.get("/reports/outcomes")
def outcomes():
    try:
        filters = parse_filters(request.args)
    except InvalidOutcomeFilter as error:
        return render_template(
            "reports/outcomes.html", page=None, filters=OutcomeFilters(),
            choices=filter_choices(), filter_error=str(error),
        ), 400  # fmt: skip
    try:
        page = outcomes_page(parse_page_number(request.args.get("page")), filters)
    except InvalidPageNumber:  # a page "number" that is not one: no such page
        abort(404)
    return render_template(
        "reports/outcomes.html", page=page, filters=filters, choices=filter_choices()
    )


@bp.get("/reports/outcomes/<number>")
def outcome(number: str):
    """The permalink of one published outcome (only what the public list shows)."""
    return render_template("reports/outcome.html", entry=published_outcome(number))


def stats_charts(figures: PublishedStats) -> dict:
    def counts(chart_id, title, items):
        return bar_chart(chart_id, title, [(c.label, c.figure) for c in items])

    return {
        "month": bar_chart(
            "chart-month", "各月收到的举报", [(m.month.label, m.received) for m in figures.by_month]
        ),
        "category": counts("chart-category", "按类别分的举报", figures.by_category),
        "district": counts("chart-district", "按区县分的举报", figures.by_district),
        "channel": counts("chart-channel", "按渠道分的举报", figures.by_channel),
        "status": counts("chart-status", "按当前状态分的举报", figures.by_status),
    }
