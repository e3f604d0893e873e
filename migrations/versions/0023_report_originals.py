"""report_originals: the reporter's own facts, kept at a moderator's first correction;
reports.enterprise_id: the register's enterprise a moderator linked to 涉及对象;
reply_templates: admins' texts for notices and questions

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-02 05:25:00

The event kind "correction" needs no schema change (kinds are plain strings and the value is
no longer than the column already allows).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0023'
down_revision = '0022'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('report_originals',
    sa.Column('report_id', sa.Integer(), nullable=False),
    sa.Column('category_id', sa.Integer(), nullable=False),
    sa.Column('district', sa.Enum('xingshan', 'xiangyang', 'gongnong', 'nanshan', 'xingan', 'dongshan', 'luobei', 'suibin', name='district', native_enum=False, length=17), nullable=False),
    sa.Column('place', sa.String(length=500), nullable=False),
    sa.Column('occurred_on', sa.Date(), nullable=False),
    sa.Column('subject', sa.String(length=200), nullable=True),
    sa.Column('kept_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['category_id'], ['report_categories.id'], name=op.f('fk_report_originals_category_id_report_categories')),
    sa.ForeignKeyConstraint(['report_id'], ['reports.id'], name=op.f('fk_report_originals_report_id_reports'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('report_id', name=op.f('pk_report_originals'))
    )
    op.create_table('reply_templates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('use', sa.Enum('accept', 'reject', 'assign', 'resolve', 'question', name='replyuse', native_enum=False, length=16), nullable=False),
    sa.Column('title', sa.String(length=80), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_reply_templates'))
    )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('enterprise_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_reports_enterprise_id'), ['enterprise_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_reports_enterprise_id_enterprises'), 'enterprises', ['enterprise_id'], ['id'])


def downgrade():
    op.drop_table('reply_templates')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_reports_enterprise_id_enterprises'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_reports_enterprise_id'))
        batch_op.drop_column('enterprise_id')
    op.drop_table('report_originals')
