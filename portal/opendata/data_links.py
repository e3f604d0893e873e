"""The query a list page's open-data links carry: the page's own filters, under the names the
API list takes (the same names), so the CSV and JSON hold what the page shows. Paging and
anything the API does not know are left out."""

from flask import request

from . import docs_bp
from .catalogue import COLLECTIONS

PAGE_BOOLEANS = {"1": "true", "0": "false"}


@docs_bp.app_template_global()
def list_filters(endpoint: str) -> dict[str, str]:
    (collection,) = (c for c in COLLECTIONS.values() if c.endpoint == endpoint)
    filters = {f.name: f for f in collection.filters}
    carried = {}
    for key, value in request.args.items():
        if key in filters and (value := value.strip()):
            if filters[key].schema().get("type") == "boolean":
                value = PAGE_BOOLEANS.get(value, value)  # a checkbox sends 1, the API says true
            carried[key] = value
    return carried
