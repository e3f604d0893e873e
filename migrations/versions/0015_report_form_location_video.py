"""report form: a longer, multi-line place; the reporter's optional location; evidence thumbnails

Revision ID: 0015
Revises: 0013
Create Date: 2026-12-02 04:30:00

具体地点 becomes a multi-line field of up to 500 characters. "使用我的位置" stores latitude and
longitude (five decimals, exact: NUMERIC on PostgreSQL, text on SQLite like every ExactDecimal).
Image evidence gets a thumbnail stored beside it; videos are stored like other evidence.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0015'
down_revision = '0013'
branch_labels = None
depends_on = None

COORDINATE = sa.Numeric().with_variant(sa.String(length=40), 'sqlite')


def upgrade():
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.alter_column('place', existing_type=sa.String(length=200),
                              type_=sa.String(length=500), existing_nullable=False)
        batch_op.add_column(sa.Column('latitude', COORDINATE, nullable=True))
        batch_op.add_column(sa.Column('longitude', COORDINATE, nullable=True))
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('thumbnail_path', sa.String(length=200), nullable=True))


def downgrade():
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_column('thumbnail_path')
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_column('longitude')
        batch_op.drop_column('latitude')
        batch_op.alter_column('place', existing_type=sa.String(length=500),
                              type_=sa.String(length=200), existing_nullable=False)
