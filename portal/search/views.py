"""The search results page; a query naming one record (report number, 统一社会信用代码)
redirects to it."""

from flask import redirect, render_template, request, url_for

from ..services.search import query as service
from ..services.search.documents import KINDS
from ..services.search.shortcuts import destination
from ..services.search.terms import InvalidQuery
from . import bp
from .filters import filters_of


@bp.get("/search")
def results():
    query = request.args.get("q", "")
    page = {"query": query, "kinds": KINDS, "args": request.args}
    try:
        filters = filters_of(request.args)
        if (target := destination(query)) is not None:
            return redirect(url_for(target.endpoint, **target.args))
        found = service.search(query, filters)
    except InvalidQuery as error:
        return render_template("search/results.html", error=str(error), **page), 400
    return render_template("search/results.html", results=found, years=service.years(), **page)
