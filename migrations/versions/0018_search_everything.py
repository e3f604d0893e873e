"""site search over every public record: a date per index row (shown, filtered by year)

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-02 04:40:00

Targets, commitments, departments and published outcomes join the index, and every row gets
the date shown beside it. The index is derived data: its rows are emptied here and rebuilt
from the records by the first search (ensure_index) or by `flask search rebuild`.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018'
down_revision = '0017'
branch_labels = None
depends_on = None


def upgrade():
    op.execute("DELETE FROM search_documents")  # rebuilt, with the new kinds, by the first search
    # Plain ALTER TABLE, not a batch rebuild: rebuilding the SQLite table would drop the FTS5
    # triggers of 0007 and 0008.
    op.add_column('search_documents', sa.Column('record_date', sa.Date(), nullable=True))
    op.create_index('ix_search_documents_record_date', 'search_documents', ['record_date'],
                    unique=False)


def downgrade():
    op.drop_index('ix_search_documents_record_date', table_name='search_documents')
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE search_documents DROP COLUMN record_date")
        return
    op.drop_column('search_documents', 'record_date')
