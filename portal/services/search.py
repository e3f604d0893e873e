"""Site search: a substring match over the index, grouped by kind, with highlighted snippets.

Matching is a case-insensitive substring test (LIKE '%q%', escaped) on the lower-cased
`haystack` column, so a Chinese query of any length — 煤矿 as well as 燃煤锅炉 — finds every
record containing it, without a word segmenter. On PostgreSQL a pg_trgm GIN index serves the
LIKE; on SQLite it is a scan of one narrow table, measured in bench/search_at_scale.py.
"""

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from sqlalchemy import func, select

from ..extensions import db
from ..search.models import SearchDocument
from . import search_index

MAX_QUERY_LENGTH = 100
PER_KIND = 20
COUNT_CAP = 1000
SNIPPET_BEFORE = 30
SNIPPET_AFTER = 70


class QueryTooLong(ValueError):
    pass


@dataclass
class Hit:
    title: Markup
    snippet: Markup
    url_args: dict
    is_sample: bool
    withdrawn: bool


@dataclass
class Group:
    kind: str
    label: str
    total: int
    capped: bool = False  # total is a lower bound: counting stops at COUNT_CAP
    hits: list = field(default_factory=list)

    @property
    def more(self) -> bool:
        return self.total > len(self.hits)


@dataclass
class Results:
    query: str
    groups: list[Group]

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


def normalise(raw: str | None) -> str:
    """The query as searched: whitespace collapsed. Raises QueryTooLong."""
    query = " ".join((raw or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        raise QueryTooLong(f"搜索词不能超过 {MAX_QUERY_LENGTH} 个字")
    return query


def search(raw: str | None) -> Results | None:
    """The grouped results for a query, or None for an empty query."""
    query = normalise(raw)
    if not query:
        return None
    search_index.ensure_index()
    needle = query.lower()
    haystack = SearchDocument.haystack
    if len(needle) < 3:
        # pg_trgm cannot narrow a pattern shorter than a trigram: its GIN index would hand back
        # every row. Matching an expression it does not cover keeps PostgreSQL on the listing
        # index, which stops after the first matches (a no-op on SQLite).
        haystack = haystack.concat("")
    matches = haystack.contains(needle, autoescape=True)
    groups = []
    for kind, (_model, label) in search_index.KINDS.items():
        # Walks the (kind, position) index and stops at PER_KIND / COUNT_CAP matches.
        in_kind = select(SearchDocument).where(SearchDocument.kind == kind, matches)
        rows = db.session.scalars(
            in_kind.order_by(SearchDocument.position, SearchDocument.record_id).limit(PER_KIND)
        ).all()
        if rows:
            capped = in_kind.with_only_columns(SearchDocument.id).limit(COUNT_CAP).subquery()
            total = db.session.scalar(select(func.count()).select_from(capped))
            groups.append(Group(kind, label, total, capped=total >= COUNT_CAP, hits=rows))
    pattern = re.compile(re.escape(query), re.IGNORECASE)
    for group in groups:
        group.hits = [
            Hit(
                title=highlight(row.title, pattern),
                snippet=snippet(row.body_text, pattern),
                url_args=row.url_args,
                is_sample=row.is_sample,
                withdrawn=row.withdrawn,
            )
            for row in group.hits
        ]
    return Results(query, groups)


def highlight(text: str, pattern: re.Pattern) -> Markup:
    """`text` escaped, with every match wrapped in <mark>."""
    pieces, end = [], 0
    for found in pattern.finditer(text):
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
