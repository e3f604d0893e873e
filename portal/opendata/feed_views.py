"""Atom feeds (published outcomes, bulletins, exposures), the sitemap and robots.txt."""

from flask import Response, url_for

from ..services.opendata.bulletins import bulletins_after
from ..services.opendata.outcomes import outcomes_after
from ..services.opendata.registers import exposures_after
from ..services.opendata.sitemap import site_changes
from . import feeds_bp as bp
from .atom import bulletins_atom, exposures_atom, outcomes_atom
from .register_collections import violation_names
from .sitemap import sitemap_xml

FEED_ENTRIES = 50
# Kept out of search engines: staff pages, and a reporter's own status and receipt pages.
DISALLOWED = ("/admin", "/report/status", "/report/receipt", "/mode/")


@bp.get("/reports/outcomes.atom")
def outcomes_feed():
    outcomes = outcomes_after({}, None, FEED_ENTRIES).items
    return Response(outcomes_atom(outcomes), mimetype="application/atom+xml")


@bp.get("/bulletins.atom")
def bulletins_feed():
    bulletins = bulletins_after({}, None, FEED_ENTRIES).items
    return Response(bulletins_atom(bulletins), mimetype="application/atom+xml")


@bp.get("/exposures.atom")
def exposures_feed():
    exposures = exposures_after({}, None, FEED_ENTRIES).items
    body = exposures_atom(exposures, violation_names())
    return Response(body, mimetype="application/atom+xml")


@bp.get("/sitemap.xml")
def sitemap():
    return Response(sitemap_xml(site_changes()), mimetype="application/xml")


@bp.get("/robots.txt")
def robots():
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED), "Allow: /", ""]
    lines.append(f"Sitemap: {url_for('feeds.sitemap', _external=True)}")
    return Response("\n".join(lines) + "\n", mimetype="text/plain")
