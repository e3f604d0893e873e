"""handler accounts (承办单位): a staff account bound to one department

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02 05:30:00

The new role is one more value in user_roles.role (a plain string column); the account's
department is the new users.department_id.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('department_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_users_department_id'), ['department_id'],
                              unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_users_department_id_departments'),
                                    'departments', ['department_id'], ['id'],
                                    ondelete='RESTRICT')


def downgrade():
    op.execute("DELETE FROM user_roles WHERE role = 'handler'")
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_users_department_id_departments'),
                                 type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_users_department_id'))
        batch_op.drop_column('department_id')
