"""Where a page may send the browser next: only to a page of this site.

`?next=` comes from the address bar, so anybody can write it. A check on its first
characters is not enough: browsers drop tabs and newlines inside URLs, so "/\\t/evil.example"
arrives as "//evil.example" (another site), and a newline in a Location header is a 500.
A target is accepted only when it is a plain path (no scheme, host, control character or
backslash) that one of the app's own GET routes answers.
"""

import unicodedata
from urllib.parse import urlsplit, urlunsplit

from flask import current_app, request
from werkzeug.exceptions import HTTPException
from werkzeug.urls import iri_to_uri


def _plain(text: str) -> bool:
    """No control, format or separator character (tab, newline, space, U+3000 …)."""
    return not any(unicodedata.category(ch)[0] in "CZ" for ch in text) and "\\" not in text


def safe_next(target: str | None) -> str | None:
    """`target` when it names a page of this site, else None (the caller's default)."""
    if not target or not _plain(target):
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    adapter = current_app.create_url_adapter(request)
    try:
        adapter.match(parts.path, method="GET")
    except HTTPException:  # NotFound, MethodNotAllowed, RequestRedirect (a missing slash)
        return None
    return iri_to_uri(urlunsplit(("", "", parts.path, parts.query, "")))
