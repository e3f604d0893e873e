"""The site search index: one plain-text row per public record, rebuilt from the records."""

from datetime import date, datetime

from sqlalchemy import JSON, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from .types import UTCDateTime, utcnow


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (
        UniqueConstraint("kind", "record_id"),
        # Results are listed per kind in this order: the first 20 come without a sort.
        Index("ix_search_documents_listing", "kind", "position", "record_id"),
        # PostgreSQL answers LIKE '%q%' from a trigram GIN index, for queries of any length.
        Index(
            "ix_search_documents_haystack",
            "haystack",
            postgresql_using="gin",
            postgresql_ops={"haystack": "gin_trgm_ops"},
        ),
        # ... and LIKE '% 煤矿 %' over the bigram words, for two-character queries.
        Index(
            "ix_search_documents_bigrams",
            "bigrams",
            postgresql_using="gin",
            postgresql_ops={"bigrams": "gin_trgm_ops"},
        ),
        # The year filter's range (min/max) and its condition.
        Index("ix_search_documents_record_date", "record_date"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text, default="")  # plain text, never HTML
    # Lower-cased title + body: what queries are matched against (case-insensitive English).
    haystack: Mapped[str] = mapped_column(Text, default="")
    # Every pair of adjacent letters/digits in the haystack, once, as space-separated words
    # (" 煤矿 矿企 "): a two-character query is one word, which an index can look up, where
    # a trigram index cannot narrow it.
    bigrams: Mapped[str] = mapped_column(Text, default="")
    url_args: Mapped[dict] = mapped_column(JSON, default=dict)
    position: Mapped[int] = mapped_column(default=0)
    # The date shown with a result and filtered by year (published, deadline…); None if undated.
    record_date: Mapped[date | None]
    withdrawn: Mapped[bool] = mapped_column(default=False)
    is_sample: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


# SQLite only: FTS5 indexes — trigrams of `haystack` (migration 0007), the words of `bigrams`
# (0008) — and the shadow tables FTS5 keeps for them. The models do not describe them;
# migrations own them.
FTS_TABLE = "search_fts"
BIGRAM_TABLE = "search_fts_bigrams"


def is_described_by_models(obj, name, type_, reflected, _compare_to) -> bool:
    """Alembic's include_object: leave the FTS5 tables out of model/schema comparisons."""
    return not (type_ == "table" and reflected and name and name.startswith(FTS_TABLE))
