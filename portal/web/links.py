"""Links from figures to the bulletin that published them."""

from flask import current_app, url_for

from ..models import Bulletin

DETAIL_ENDPOINT = "bulletins.detail"


def bulletin_url(bulletin: Bulletin) -> str | None:
    """The bulletin's public page, or None while no such page is served (pages then name the
    bulletin without linking it, rather than failing)."""
    if DETAIL_ENDPOINT not in current_app.view_functions:
        return None
    return url_for(DETAIL_ENDPOINT, bulletin_id=bulletin.id, slug=bulletin.slug)
