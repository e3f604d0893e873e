"""the reporter's satisfaction rating and appeal (复核申请)

Revision ID: 0014
Revises: 0011
Create Date: 2026-12-02 04:10:00

report_ratings holds one rating per report (satisfied / fairly satisfied / dissatisfied, an
optional comment, the minute it was given). reports.appealed_at records the one appeal a
reporter may make; the new status "review" and event kind "appeal" need no schema change
(statuses are plain strings, and no value is longer than the columns already allow).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report_ratings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('rating', sa.Enum('satisfied', 'fairly_satisfied', 'dissatisfied', name='satisfaction', native_enum=False, length=24), nullable=False),
    sa.Column('comment', sa.String(length=500), nullable=True),
    sa.Column('rated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_ratings_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_report_ratings')),
    sa.UniqueConstraint('report_id', name=op.f('uq_report_ratings_report_id'))
    )
    with op.batch_alter_table('report_ratings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_report_ratings_rated_at'), ['rated_at'], unique=False)

    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('appealed_at', sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_column('appealed_at')

    with op.batch_alter_table('report_ratings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_report_ratings_rated_at'))

    op.drop_table('report_ratings')
