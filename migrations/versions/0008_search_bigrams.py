"""site search: an index of bigram words for two-character queries

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25 23:00:00

Trigram indexes cannot narrow a two-character query (煤矿), so those scanned the table. Each
index row now also holds its distinct bigrams as words; a two-character query is one word:
FTS5 (unicode61) looks it up on SQLite, pg_trgm's GIN index on PostgreSQL.

The index is derived data: its rows are emptied here and rebuilt from the records by the
first search (services.search_index.ensure_index) or by `flask search rebuild`.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

SQLITE_STATEMENTS = [
    "CREATE VIRTUAL TABLE search_fts_bigrams USING fts5("
    "bigrams, content='search_documents', content_rowid='id', tokenize='unicode61')",
    "CREATE TRIGGER search_fts_bigrams_insert AFTER INSERT ON search_documents BEGIN "
    "INSERT INTO search_fts_bigrams(rowid, bigrams) VALUES (new.id, new.bigrams); END",
    "CREATE TRIGGER search_fts_bigrams_delete AFTER DELETE ON search_documents BEGIN "
    "INSERT INTO search_fts_bigrams(search_fts_bigrams, rowid, bigrams)"
    " VALUES ('delete', old.id, old.bigrams); END",
    "CREATE TRIGGER search_fts_bigrams_update AFTER UPDATE OF bigrams ON search_documents BEGIN "
    "INSERT INTO search_fts_bigrams(search_fts_bigrams, rowid, bigrams)"
    " VALUES ('delete', old.id, old.bigrams);"
    " INSERT INTO search_fts_bigrams(rowid, bigrams) VALUES (new.id, new.bigrams); END",
]


def upgrade():
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.execute("DELETE FROM search_documents")  # rebuilt, with bigrams, by the first search
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bigrams', sa.Text(), nullable=False, server_default=''))
        batch_op.create_index(
            'ix_search_documents_bigrams', ['bigrams'], unique=False,
            postgresql_using='gin', postgresql_ops={'bigrams': 'gin_trgm_ops'},
        )
    if sqlite:
        for statement in SQLITE_STATEMENTS:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for trigger in ("update", "delete", "insert"):
            op.execute(f"DROP TRIGGER IF EXISTS search_fts_bigrams_{trigger}")
        op.execute("DROP TABLE IF EXISTS search_fts_bigrams")
        op.drop_index('ix_search_documents_bigrams', table_name='search_documents')
        # SQLite's own DROP COLUMN, not a batch rebuild: rebuilding the table would drop the
        # triggers 0007 put on it.
        op.execute("ALTER TABLE search_documents DROP COLUMN bigrams")
        return
    op.drop_index('ix_search_documents_bigrams', table_name='search_documents')
    op.drop_column('search_documents', 'bigrams')
