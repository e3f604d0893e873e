"""short-lived values: server-side secrets behind a handle in the session cookie

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 09:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('short_lived_values',
    sa.Column('key_digest', sa.String(length=64), nullable=False),
    sa.Column('purpose', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key_digest', name=op.f('pk_short_lived_values'))
    )
    with op.batch_alter_table('short_lived_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_short_lived_values_expires_at'), ['expires_at'], unique=False)


def downgrade():
    with op.batch_alter_table('short_lived_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_short_lived_values_expires_at'))
    op.drop_table('short_lived_values')
