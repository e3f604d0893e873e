"""关怀版 (the elderly-friendly mode): which mode a request is in, and the cookie that keeps it.

A reader chooses the mode with the header's switch (/mode/care, /mode/standard), which keeps
the choice in its own small cookie — not the session cookie, so a public page still carries
no session — or for one page with `?mode=care` / `?mode=standard` (which keeps it too).

The mode changes the HTML, so every page says `Vary: Cookie`: a cache keeps a copy per mode
and never hands a standard page to a care-mode reader. The ETag is a digest of the body, which
names the mode on <html>, so a revalidation never answers 304 across modes either.
"""

from urllib.parse import urlencode

from flask import Flask, Response, current_app, g, request, url_for

COOKIE = "hg_mode"
CARE, STANDARD = "care", "standard"
MODES = (CARE, STANDARD)
COOKIE_MAX_AGE = 365 * 24 * 3600  # a preference, kept a year; it identifies nobody


def init_app(app: Flask) -> None:
    app.before_request(_read_mode)
    app.after_request(_keep_mode)


def _read_mode() -> None:
    asked = request.args.get("mode")
    g.mode_asked = asked if asked in MODES else None
    g.care_mode = (g.mode_asked or request.cookies.get(COOKIE)) == CARE


def is_care_mode() -> bool:
    return bool(g.get("care_mode"))


def mode_switch_url(*, back_here: bool = True) -> str:
    """The header's switch: to the other mode, then back to this very page. The reporting
    channel's pages come back without their query: whatever a reporter put in a URL (a code
    pasted into the wrong place) must not be copied into a link."""
    other = STANDARD if is_care_mode() else CARE
    if not back_here:  # error pages: a hidden record's page must equal a missing one's
        return url_for("public.mode", mode=other)
    private = request.path.startswith("/report")
    args = [] if private else [(k, v) for k, v in request.args.items(multi=True) if k != "mode"]
    here = request.path + ("?" + urlencode(args) if args else "")
    return url_for("public.mode", mode=other, next=here)


def remember(response: Response, mode: str) -> Response:
    """Keep `mode` in the reader's cookie; the standard mode simply drops it."""
    secure = current_app.config["SESSION_COOKIE_SECURE"]
    if mode == CARE:
        response.set_cookie(
            COOKIE, CARE, max_age=COOKIE_MAX_AGE, httponly=True, samesite="Lax", secure=secure
        )
    else:
        response.delete_cookie(COOKIE, httponly=True, samesite="Lax", secure=secure)
    return response


def _keep_mode(response: Response) -> Response:
    if response.mimetype == "text/html":
        response.vary.add("Cookie")
    asked = g.get("mode_asked")
    if asked and response.status_code == 200 and asked != _cookie_mode():
        # A response that sets a cookie is for this reader alone, never a shared cache.
        remember(response, asked)
        response.headers.setdefault("Cache-Control", "private, no-cache")
    return response


def _cookie_mode() -> str:
    return CARE if request.cookies.get(COOKIE) == CARE else STANDARD
