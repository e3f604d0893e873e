"""The errors every feature shares. A view never catches these to abort: one error handler
(portal.web.errors) answers each with its page."""


class NotFound(LookupError):
    """What was asked for does not exist, or is not public (a draft answers like a missing
    record, so nothing leaks). Every `*NotFound` of the services subclasses this; the site
    answers 404 with the Chinese not-found page (JSON under /api)."""
