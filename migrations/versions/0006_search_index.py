"""site search index

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 21:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    postgresql = op.get_bind().dialect.name == "postgresql"
    if postgresql:
        # The trigram operator class behind the GIN index below.
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    op.create_table('search_documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('record_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('body_text', sa.Text(), nullable=False),
    sa.Column('haystack', sa.Text(), nullable=False),
    sa.Column('url_args', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('withdrawn', sa.Boolean(), nullable=False),
    sa.Column('is_sample', sa.Boolean(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_documents')),
    sa.UniqueConstraint('kind', 'record_id', name=op.f('uq_search_documents_kind'))
    )
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.create_index('ix_search_documents_listing', ['kind', 'position', 'record_id'], unique=False)
        batch_op.create_index(
            'ix_search_documents_haystack', ['haystack'], unique=False,
            postgresql_using='gin', postgresql_ops={'haystack': 'gin_trgm_ops'},
        )


def downgrade():
    with op.batch_alter_table('search_documents', schema=None) as batch_op:
        batch_op.drop_index('ix_search_documents_haystack')
        batch_op.drop_index('ix_search_documents_listing')
    op.drop_table('search_documents')
