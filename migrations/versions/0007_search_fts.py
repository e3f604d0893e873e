"""site search: an FTS5 trigram index on SQLite

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-25 22:50:00

PostgreSQL already answers substring queries from the pg_trgm GIN index of 0006; SQLite gets
an external-content FTS5 table over search_documents.haystack, kept in step by triggers, so
that queries of three characters or more are answered from the index instead of a scan.
"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

STATEMENTS = [
    "CREATE VIRTUAL TABLE search_fts USING fts5("
    "haystack, content='search_documents', content_rowid='id', tokenize='trigram')",
    "CREATE TRIGGER search_fts_insert AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts(rowid, haystack) VALUES (new.id, new.haystack); END",
    "CREATE TRIGGER search_fts_delete AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, haystack) VALUES ('delete', old.id, old.haystack);"
    " END",
    "CREATE TRIGGER search_fts_update AFTER UPDATE OF haystack ON search_documents BEGIN "
    "INSERT INTO search_fts(search_fts, rowid, haystack) VALUES ('delete', old.id, old.haystack);"
    " INSERT INTO search_fts(rowid, haystack) VALUES (new.id, new.haystack); END",
    "INSERT INTO search_fts(search_fts) VALUES ('rebuild')",
]


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for statement in STATEMENTS:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in ("search_fts_update", "search_fts_delete", "search_fts_insert"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS search_fts")
