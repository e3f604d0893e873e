"""The search results page."""

from flask import render_template, request

from ..services.search import query as service
from . import bp


@bp.get("/search")
def results():
    query = request.args.get("q", "")
    try:
        found = service.search(query)
    except service.QueryTooLong as error:
        return render_template("search/results.html", query=query, error=str(error)), 400
    return render_template("search/results.html", query=query, results=found)
