"""Site search: every term of the query matched as a substring (AND), grouped by kind,
optionally narrowed to one kind and one year, with highlighted snippets.

Each term is a case-insensitive substring test on the lower-cased `haystack` column, so a
Chinese query of any length — 煤矿 as well as 燃煤锅炉 — finds every record containing it,
without a word segmenter; "鹤岗 焦化" finds records containing both. A term of three
characters or more is answered from a trigram index: FTS5's trigram tokenizer on SQLite
(migration 0007), pg_trgm's GIN index on PostgreSQL. A trigram index cannot narrow a
two-character term, so each index row also lists its bigrams as words (0008) and a
two-letter/digit term looks its word up there: FTS5 unicode61 on SQLite, pg_trgm on " 煤矿 "
on PostgreSQL. Anything else short (一, "5%") is a LIKE that walks the listing index and stops
at the first matches, as do terms so common that collecting every match would cost more.
Timings: bench/search_at_scale.py.
"""

from dataclasses import dataclass, field
from datetime import date

from markupsafe import Markup
from sqlalchemy import and_, column, func, literal_column, select, table, true

from ...extensions import db
from ...models.search import BIGRAM_TABLE, FTS_TABLE, SearchDocument
from . import index as search_index
from .documents import KINDS
from .snippets import highlight, pattern_of, snippet
from .terms import MAX_QUERY_LENGTH, InvalidQuery, QueryTooLong, normalise, terms_of

__all__ = ["MAX_QUERY_LENGTH", "InvalidQuery", "QueryTooLong", "normalise", "search", "years"]
PER_KIND = 20
COUNT_CAP = 1000
TRIGRAM = 3
FTS_CAP = 10_000


@dataclass
class Hit:
    title: Markup
    snippet: Markup
    url_args: dict
    is_sample: bool
    withdrawn: bool
    record_date: date | None


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
    terms: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(group.total for group in self.groups)


@dataclass(frozen=True)
class Filters:
    kind: str | None = None
    year: int | None = None

    def conditions(self) -> list:
        found = []
        if self.year is not None:
            found += [SearchDocument.record_date >= date(self.year, 1, 1),
                      SearchDocument.record_date < date(self.year + 1, 1, 1)]  # fmt: skip
        return found

    def kinds(self) -> list[str]:
        return [self.kind] if self.kind else list(KINDS)


def search(raw: str | None, filters: Filters = Filters()) -> Results | None:  # noqa: B008
    """The grouped results for a query, or None for a query with nothing to search."""
    query = normalise(raw)
    terms = terms_of(query)
    if not terms:
        return None
    search_index.ensure_index()
    if _has_fts():
        ids, unsettled = _fts_candidates(terms)
        matches = and_(true(), *(_walk_match(term) for term in unsettled), *filters.conditions())
        groups = _groups_of(ids, matches, filters) if ids is not None else None
        if groups is None:
            groups = _groups_by_walk(matches, filters)
    else:
        matches = and_(*(_postgresql_match(term) for term in terms), *filters.conditions())
        groups = _groups_by_walk(matches, filters)
    pattern = pattern_of(terms)
    for group in groups:
        group.hits = [
            Hit(
                title=highlight(row.title, pattern),
                snippet=snippet(row.body_text, pattern),
                url_args=row.url_args,
                is_sample=row.is_sample,
                withdrawn=row.withdrawn,
                record_date=row.record_date,
            )
            for row in group.hits
        ]
    return Results(query, groups, terms)


def years() -> list[int]:
    """The years of the dated records, newest first: the choices of the year filter."""
    first, last = db.session.execute(
        select(func.min(SearchDocument.record_date), func.max(SearchDocument.record_date))
    ).one()
    return list(range(last.year, first.year - 1, -1)) if first and last else []


def _has_fts() -> bool:
    return db.session.get_bind().dialect.name == "sqlite"


def _groups_by_walk(matches, filters: Filters) -> list[Group]:
    groups = []
    for kind in filters.kinds():
        # Walks the (kind, position) index and stops at PER_KIND / COUNT_CAP matches.
        in_kind = select(SearchDocument).where(SearchDocument.kind == kind, matches)
        rows = db.session.scalars(
            in_kind.order_by(SearchDocument.position, SearchDocument.record_id).limit(PER_KIND)
        ).all()
        if rows:
            capped = in_kind.with_only_columns(SearchDocument.id).limit(COUNT_CAP).subquery()
            total = db.session.scalar(select(func.count()).select_from(capped))
            groups.append(Group(kind, KINDS[kind][1], total, total >= COUNT_CAP, rows))
    return groups


def _groups_of(ids: list[int], matches, filters: Filters) -> list[Group]:
    """The groups for a known, small set of candidate documents (from the FTS5 indexes)."""
    keys = db.session.execute(
        select(SearchDocument.id, SearchDocument.kind, SearchDocument.position,
               SearchDocument.record_id)
        .where(SearchDocument.id.in_(ids), SearchDocument.kind.in_(filters.kinds()), matches)
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
    for kind in filters.kinds():
        if found := by_kind.get(kind):
            total = min(len(found), COUNT_CAP)
            hits = [rows[key.id] for key in found[:PER_KIND]]
            groups.append(Group(kind, KINDS[kind][1], total, total >= COUNT_CAP, hits))
    return groups


def _is_bigram(term: str) -> bool:
    return len(term) == 2 and term.isalnum()


def _fts_candidates(terms: list[str]) -> tuple[list[int] | None, list[str]]:
    """SQLite: the ids of the documents that the FTS5 indexes say contain every indexable
    term, and the terms still to test with LIKE. The ids are None when no index narrows the
    query to FTS_CAP documents or fewer: so common a query is found sooner by the listing
    walk (which stops early) than by collecting every match."""
    found: set[int] | None = None
    unsettled = []
    for index, chosen in (
        (FTS_TABLE, [term for term in terms if len(term) >= TRIGRAM]),
        (BIGRAM_TABLE, [term for term in terms if _is_bigram(term)]),
    ):
        ids = _fts_ids(index, chosen) if chosen else None
        if ids is None:
            unsettled += chosen
        else:
            found = set(ids) if found is None else found & set(ids)
    unsettled += [term for term in terms if len(term) < TRIGRAM and not _is_bigram(term)]
    return (None if found is None else list(found)), unsettled


def _fts_ids(index: str, terms: list[str]) -> list[int] | None:
    # A quoted FTS5 string is a phrase — consecutive trigrams (or the one bigram word), i.e.
    # the substring — with quotes inside it doubled, so no query text is ever syntax; AND
    # joins the phrases.
    expression = " AND ".join('"' + term.replace('"', '""') + '"' for term in terms)
    fts = table(index, column("rowid"))
    found = select(fts.c.rowid).where(literal_column(index).op("MATCH")(expression))
    ids = db.session.scalars(found.limit(FTS_CAP + 1)).all()
    return None if len(ids) > FTS_CAP else list(ids)


def _postgresql_match(term: str):
    """PostgreSQL: a condition pg_trgm's GIN indexes can serve, the planner weighing them
    against the listing walk with its statistics."""
    if len(term) >= TRIGRAM:
        return SearchDocument.haystack.contains(term, autoescape=True)
    if _is_bigram(term):  # " 煤矿 " is one whole word of `bigrams`
        return SearchDocument.bigrams.contains(f" {term} ", autoescape=True)
    return _walk_match(term)


def _walk_match(term: str):
    """The LIKE for the listing walk, which stops at the first PER_KIND / COUNT_CAP matches.
    On PostgreSQL it is written so that pg_trgm's index cannot take it (a no-op on SQLite):
    a pattern shorter than a trigram would make the index hand back every row."""
    return SearchDocument.haystack.concat("").contains(term, autoescape=True)
