"""A test client that checks every HTML page it fetches, as a careful reviewer would:
one h1, a title, zh-CN, no duplicate ids, no inline script or style, labelled landmarks."""

import contextvars
from collections import Counter

from bs4 import BeautifulSoup
from flask import has_app_context
from flask.testing import FlaskClient

from portal.extensions import db


class CheckedClient(FlaskClient):
    def open(self, *args, **kwargs):
        # Each request runs in a context of its own, as in production: otherwise a test's
        # app context would be shared by every request it makes (one `g`, one DB session).
        response = contextvars.Context().run(super().open, *args, **kwargs)
        _end_test_snapshot()
        if response.mimetype == "text/html" and not response.is_streamed:
            check_page(response.get_data(as_text=True))
        return response


def _end_test_snapshot() -> None:
    """Let the test's own session see what the request wrote: end its read transaction
    (a SQLite snapshot would otherwise hide the request's commit) unless it holds changes."""
    if not has_app_context():
        return
    session = db.session()
    if not (session.new or session.dirty or session.deleted):
        session.rollback()


def check_page(html: str) -> BeautifulSoup:
    page = BeautifulSoup(html, "html.parser")
    assert page.html is not None and page.html.get("lang") == "zh-CN", "page must declare zh-CN"
    assert page.title and page.title.get_text(strip=True), "page needs a <title>"
    assert len(page.find_all("h1")) == 1, "page needs exactly one h1"
    assert page.find("main"), "page needs a <main> landmark"
    ids = Counter(tag["id"] for tag in page.find_all(id=True))
    duplicates = [i for i, n in ids.items() if n > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert not page.find("style"), "inline <style> is forbidden by the CSP"
    assert not page.find(style=True), "inline style attributes are forbidden by the CSP"
    for script in page.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", "inline script"
    for tag in page.find_all(True):
        handlers = [a for a in tag.attrs if a.startswith("on")]
        assert not handlers, f"inline event handler on <{tag.name}>: {handlers}"
    return page


def parse(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


def text_of(response) -> str:
    return " ".join(parse(response).get_text(" ").split())
