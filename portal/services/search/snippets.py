"""Showing a result: its title and a window of its text, escaped, with the terms marked."""

import re

from markupsafe import Markup, escape

SNIPPET_BEFORE = 30
SNIPPET_AFTER = 70


def pattern_of(terms: list[str]) -> re.Pattern:
    """One pattern for all terms, longest first so that 煤矿企业 wins over 煤矿."""
    ordered = sorted(terms, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in ordered), re.IGNORECASE)


def highlight(text: str, pattern: re.Pattern) -> Markup:
    """`text` escaped, with every match wrapped in <mark>."""
    pieces, end = [], 0
    for found in pattern.finditer(text):
        if found.end() == found.start():
            continue
        pieces += [escape(text[end : found.start()]), Markup("<mark>"), escape(found.group())]
        pieces.append(Markup("</mark>"))
        end = found.end()
    pieces.append(escape(text[end:]))
    return Markup("").join(pieces)


def snippet(text: str, pattern: re.Pattern) -> Markup:
    """A window around the first match (or the text's start), escaped and highlighted."""
    text = " ".join(text.split())
    found = pattern.search(text)
    start = max(0, found.start() - SNIPPET_BEFORE) if found else 0
    stop = (found.end() if found else 0) + SNIPPET_AFTER
    window = highlight(text[start:stop], pattern)
    prefix = "…" if start > 0 else ""
    suffix = "…" if stop < len(text) else ""
    return Markup("").join([escape(prefix), window, escape(suffix)])
