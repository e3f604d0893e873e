"""Site search: a substring match over the index, grouped by kind, with highlighted snippets.

Matching is a case-insensitive substring test on the lower-cased `haystack` column, so a
Chinese query of any length — 煤矿 as well as 燃煤锅炉 — finds every record containing it,
without a word segmenter. A query of three characters or more is answered from a trigram
index: FTS5's trigram tokenizer on SQLite (migration 0007), pg_trgm's GIN index on PostgreSQL.
A trigram index cannot narrow a two-character query, so each index row also lists its
bigrams as words (0008) and a two-letter/digit query looks its word up there: FTS5 unicode61
on SQLite, pg_trgm on " 煤矿 " on PostgreSQL. Anything else short (一, "5%") is a LIKE over
the base table (not the FTS5 table: SQLite 3.40 returns no rows for a short LIKE there) that
walks the listing index and stops at the first matches, as do terms so common that
collecting every match would cost more. Timings: bench/search_at_scale.py.
"""

import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape
from sqlalchemy import column, func, literal_column, select, table

from ...extensions import db
from ...models.search import BIGRAM_TABLE, FTS_TABLE, SearchDocument
from . import index as search_index

MAX_QUERY_LENGTH = 100
PER_KIND = 20
COUNT_CAP = 1000
SNIPPET_BEFORE = 30
SNIPPET_AFTER = 70
TRIGRAM = 3
FTS_CAP = 10_000


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
    if _has_fts():
        ids = _fts_ids(needle)
        groups = _groups_of(ids) if ids is not None else _groups_by_walk(_walk_match(needle))
    else:
        groups = _groups_by_walk(_postgresql_match(needle))
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


def _has_fts() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def _groups_by_walk(matches) -> list[Group]:
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
    return groups


def _groups_of(ids: list[int]) -> list[Group]:
    """The groups for a known, small set of matching documents (from the FTS5 index)."""
    keys = db.session.execute(
        select(SearchDocument.id, SearchDocument.kind, SearchDocument.position,
               SearchDocument.record_id).where(SearchDocument.id.in_(ids))
    ).all()  # fmt: skip
    by_kind: dict[str, list] = {}
    for key in sorted(keys, key=lambda k: (k.position, k.record_id)):
        by_kind.setdefault(key.kind, []).append(key)
    shown = [key.id for found in by_kind.values() for key in found[:PER_KIND]]
    rows = {
        row.id: row
        for row in db.session.scalars(select(SearchDocument).where(SearchDocument.id.in_(shown)))
    }
    groups = []
    for kind, (_model, label) in search_index.KINDS.items():
        if found := by_kind.get(kind):
            total = min(len(found), COUNT_CAP)
            hits = [rows[key.id] for key in found[:PER_KIND]]
            groups.append(Group(kind, label, total, capped=total >= COUNT_CAP, hits=hits))
    return groups


def _is_bigram(needle: str) -> bool:
    return len(needle) == 2 and needle.isalnum()


def _fts_ids(needle: str) -> list[int] | None:
    """SQLite: the ids of the documents containing `needle`, from an FTS5 index (trigrams, or
    the bigram words for a two-character query); None when no index can narrow the query, or
    when more than FTS_CAP documents match: so common a term is found sooner by the listing
    walk (which stops early) than by collecting every match."""
    if len(needle) >= TRIGRAM:
        index = FTS_TABLE
    elif _is_bigram(needle):
        index = BIGRAM_TABLE
    else:
        return None
    # A quoted FTS5 string is a phrase — consecutive trigrams (or the one bigram word), i.e.
    # the substring — and quotes inside it are doubled, so no query text is ever syntax.
    phrase = '"' + needle.replace('"', '""') + '"'
    fts = table(index, column("rowid"))
    found = select(fts.c.rowid).where(literal_column(index).op("MATCH")(phrase))
    ids = db.session.scalars(found.limit(FTS_CAP + 1)).all()
    return None if len(ids) > FTS_CAP else list(ids)


def _postgresql_match(needle: str):
    """PostgreSQL: a condition pg_trgm's GIN indexes can serve, the planner weighing them
    against the listing walk with its statistics."""
    if len(needle) >= TRIGRAM:
        return SearchDocument.haystack.contains(needle, autoescape=True)
    if _is_bigram(needle):  # " 煤矿 " is one whole word of `bigrams`
        return SearchDocument.bigrams.contains(f" {needle} ", autoescape=True)
    return _walk_match(needle)


def _walk_match(needle: str):
    """The LIKE for the listing walk, which stops at the first PER_KIND / COUNT_CAP matches.
    On PostgreSQL it is written so that pg_trgm's index cannot take it (a no-op on SQLite):
    a pattern shorter than a trigram would make the index hand back every row."""
    return SearchDocument.haystack.concat("").contains(needle, autoescape=True)


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
