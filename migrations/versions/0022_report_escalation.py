"""督办/催办 on reports: supervised with a deadline, urged; queue indexes for their filters

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-02 05:20:00

Existing reports are neither supervised nor urged; their due time (due_at, the queue's
days-left sort) is filled by `flask reports refresh-due` (services.reports.due), which the
deploy runs after the upgrade, and kept on every change from then on. The new event kinds (supervise, urge) fit
the existing string column of report_events.kind.
"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade():
    # Plain ADD COLUMN (no batch rebuild of the reports table).
    op.add_column(
        "reports", sa.Column("supervised", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("reports", sa.Column("supervise_deadline", sa.Date(), nullable=True))
    op.add_column(
        "reports", sa.Column("urged", sa.Boolean(), nullable=False, server_default=sa.false())
    )
    op.add_column("reports", sa.Column("due_at", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_reports_queue_due", "reports", ["due_at", "id"], unique=False)
    op.create_index(
        "ix_reports_queue_supervised", "reports", ["supervised", "submitted_at", "id"], unique=False
    )
    op.create_index(
        "ix_reports_queue_urged", "reports", ["urged", "submitted_at", "id"], unique=False
    )
    op.create_index(
        "ix_report_events_kind_department", "report_events", ["kind", "department_id"], unique=False
    )


def downgrade():
    op.drop_index("ix_report_events_kind_department", table_name="report_events")
    op.drop_index("ix_reports_queue_urged", table_name="reports")
    op.drop_index("ix_reports_queue_due", table_name="reports")
    op.drop_index("ix_reports_queue_supervised", table_name="reports")
    with op.batch_alter_table("reports") as batch_op:
        batch_op.drop_column("due_at")
        batch_op.drop_column("urged")
        batch_op.drop_column("supervise_deadline")
        batch_op.drop_column("supervised")
