"""forget what could trace a reporter: address digests and uploaded file names

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26 10:00:00

reports.ip_digest was an HMAC of the sender's address under a key derived from SECRET_KEY:
it linked an anonymous report to a named one sent from the same address, and with the key
all of IPv4 can be tried in hours. The values are nulled, then the column and its index go.
Abuse is counted only in the rate limiter's short-lived store.

evidence.original_name kept what the citizen's phone or computer called the file
("张三_工厂.png", "IMG_20261120_083000.jpg": a name, a place, the second a photo was taken).
Every row is renamed "证据<n><extension>" (n counts a report's files in upload order, the
extension follows the detected type) and the column becomes evidence.name.

On SQLite, secure_delete makes the old values' pages zero-filled rather than merely freed;
on PostgreSQL, dead row versions keep them until `VACUUM FULL reports, evidence` (see
docs/deploy.md). Backups taken before this revision still hold them.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

EXTENSION = (
    "CASE media_type WHEN 'image/jpeg' THEN '.jpg' WHEN 'image/png' THEN '.png'"
    " WHEN 'image/webp' THEN '.webp' WHEN 'application/pdf' THEN '.pdf' ELSE '' END"
)
# The file's place among its report's files, counted in upload (id) order.
POSITION = (
    "(SELECT count(*) FROM evidence AS earlier"
    " WHERE earlier.report_id = evidence.report_id AND earlier.id <= evidence.id)"
)


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA secure_delete = ON")
    op.execute("UPDATE reports SET ip_digest = NULL")
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_reports_ip_digest'))
        batch_op.drop_column('ip_digest')

    op.execute(
        "UPDATE evidence SET original_name = '证据' || CAST(" + POSITION + " AS VARCHAR(12))"
        " || " + EXTENSION
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.alter_column(
            'original_name', new_column_name='name',
            existing_type=sa.String(length=200), existing_nullable=False,
        )


def downgrade():
    # The digests and the original names are gone for good; only the columns come back.
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.alter_column(
            'name', new_column_name='original_name',
            existing_type=sa.String(length=200), existing_nullable=False,
        )
    with op.batch_alter_table('reports', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ip_digest', sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f('ix_reports_ip_digest'), ['ip_digest'], unique=False)
