"""The number of SQL queries behind a public page does not grow with the data behind it."""

from contextlib import contextmanager
from datetime import UTC, datetime

import pytest
from sqlalchemy import event

from portal.extensions import db
from portal.services.reports.moderation import publish_outcome
from tests.support.reports import MODERATOR, report_in

PAGES = ["/", "/plan", "/plan/main-targets", "/targets", "/commitments", "/projects",
         "/reports/outcomes", "/reports/stats"]  # fmt: skip


@contextmanager
def counted_queries(app):
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def queries_for(app, client, path: str) -> int:
    with counted_queries(app) as statements:
        assert client.get(path).status_code == 200
    return len(statements)


def add_published_outcomes(n: int) -> None:
    for _ in range(n):
        number = report_in("resolved").report.number
        publish_outcome(number, "群众反映某厂偷排。", "已查处。", MODERATOR, datetime.now(UTC))


@pytest.mark.parametrize("path", PAGES)
def test_query_count_is_constant_in_data_size(app, client, db, content, path):
    add_published_outcomes(1)
    small = queries_for(app, client, path)
    add_published_outcomes(6)
    large = queries_for(app, client, path)
    assert large == small, f"{path}: {small} queries with little data, {large} with more"
