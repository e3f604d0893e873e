"""The one pagination helper: numbered pages stop at the end, page numbers from a URL are
checked, and keyset pages neither repeat nor skip a record when rows arrive between pages."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from portal.models import AuditEntry
from portal.services.common.cursor import decode_cursor
from portal.services.common.errors import NotFound
from portal.services.common.paging import (
    InvalidPageNumber,
    PageNotFound,
    in_memory_page,
    keyset_page,
    numbered_page,
    parse_page_number,
)

NOON = datetime(2026, 11, 24, 4, 0, tzinfo=UTC)
KEY = (AuditEntry.created_at, AuditEntry.id)
KEY_TYPES = (datetime, int)


def add_entries(db, *moments: datetime) -> list[int]:
    entries = [AuditEntry(actor_name="test", action="login", created_at=m) for m in moments]
    db.session.add_all(entries)
    db.session.commit()
    return [entry.id for entry in entries]


def entries_by_id():
    return select(AuditEntry).order_by(AuditEntry.id)


def ids(page) -> list[int]:
    return [entry.id for entry in page.items]


def test_page_one_of_an_empty_list_is_an_empty_page(db):
    page = numbered_page(entries_by_id(), 1, 10)
    assert (page.items, page.page, page.pages, page.total) == ([], 1, 1, 0)
    assert page.previous is None and page.next is None


def test_numbered_pages_cover_the_list_and_a_page_past_the_end_is_not_found(db):
    made = add_entries(db, *[NOON] * 5)
    first, third = numbered_page(entries_by_id(), 1, 2), numbered_page(entries_by_id(), 3, 2)
    assert ids(first) == made[:2] and ids(third) == made[4:]
    assert (first.pages, first.total, first.previous, first.next) == (3, 5, None, 2)
    assert (third.previous, third.next) == (2, None)
    with pytest.raises(PageNotFound) as missing:
        numbered_page(entries_by_id(), 4, 2)
    assert isinstance(missing.value, NotFound)  # answered 404 like any missing record


@pytest.mark.parametrize(("text", "number"), [(None, 1), ("", 1), ("2", 2), (" 12 ", 12)])
def test_a_page_number_from_the_url(text, number):
    assert parse_page_number(text) == number


@pytest.mark.parametrize("text", ["0", "-1", "x", "1.5", "²", "9" * 10, "1e3"])
def test_a_page_number_that_is_not_a_positive_whole_number_is_refused(text):
    with pytest.raises(InvalidPageNumber, match="页码应为正整数"):
        parse_page_number(text)


def walk(db, descending: bool, between_pages) -> list[int]:
    """Every entry, two a page, following the cursor as a `next` link would."""
    seen, cursor = [], None
    while True:
        after = decode_cursor(cursor, KEY_TYPES) if cursor else None
        page = keyset_page(select(AuditEntry), KEY, after, 2, descending=descending)
        seen += ids(page)
        between_pages()
        if not (cursor := page.next_cursor):
            return seen


@pytest.mark.parametrize("descending", [True, False])
def test_keyset_pages_neither_repeat_nor_skip_when_rows_arrive_between_pages(db, descending):
    # Ties on the time are broken by the id, so records stamped alike are not lost at a page break.
    made = add_entries(db, NOON, NOON, NOON, NOON + timedelta(seconds=1), NOON - timedelta(days=1))
    arrivals = iter([NOON + timedelta(days=1), NOON, NOON - timedelta(days=2)] * 3)
    seen = walk(db, descending, lambda: add_entries(db, next(arrivals)))
    original = [n for n in seen if n in made]
    assert sorted(original) == sorted(made) and len(seen) == len(set(seen))
    expected = sorted(made, key=lambda n: (db.session.get(AuditEntry, n).created_at, n))
    assert original == (expected[::-1] if descending else expected)


def by_key(entry: AuditEntry) -> tuple:
    return (entry.created_at, entry.id)


def test_a_short_list_in_memory_pages_like_the_database(db):
    add_entries(db, NOON, NOON, NOON - timedelta(hours=1), NOON + timedelta(hours=1))
    everything = list(db.session.scalars(select(AuditEntry)))
    stored = keyset_page(select(AuditEntry), KEY, None, 2)
    loaded = in_memory_page(everything, by_key, None, 2)
    assert ids(stored) == ids(loaded) and stored.next_cursor == loaded.next_cursor
    after = decode_cursor(stored.next_cursor, KEY_TYPES)
    rest = keyset_page(select(AuditEntry), KEY, after, 2)
    assert ids(rest) == ids(in_memory_page(everything, by_key, after, 2))
    assert rest.next_cursor is None
