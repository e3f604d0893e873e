"""办理结论 and the handling result of resolved reports

Revision ID: 0021
Revises: 0018
Create Date: 2026-12-02 05:15:00

reports.conclusion (属实 / 部分属实 / 不属实 / 无法核实), reports.handling_measures (the controlled
list, comma-separated) and reports.handling_note. Reports already resolved (or under review
after a resolution) get "unrecorded" (未记录): counted apart in 查实率, never offered.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021'
down_revision = '0018'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('conclusion', sa.Enum('substantiated', 'partly', 'unfounded', 'unverifiable', 'unrecorded', name='conclusion', native_enum=False, length=21), nullable=True))
        batch_op.add_column(sa.Column('handling_measures', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('handling_note', sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f('ix_reports_conclusion'), ['conclusion'], unique=False)
    op.execute(
        "UPDATE reports SET conclusion = 'unrecorded' WHERE status IN ('resolved', 'review')"
    )


def downgrade():
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_conclusion'))
        batch_op.drop_column('handling_note')
        batch_op.drop_column('handling_measures')
        batch_op.drop_column('conclusion')
