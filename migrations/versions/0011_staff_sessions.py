"""staff sessions kept on the server, sign-in delays, one-time second-factor codes

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-26 10:00:00

Sessions were signed cookies revoked by a per-user generation number: a cookie saved before
logout still opened /admin. Each session is now a row (staff_sessions) the cookie names by a
random token, so session_generation goes. sign_in_delays replaces the hard per-account lock
by a growing delay; users.totp_last_step makes each second-factor code good only once.
Everyone signed in before this migration signs in again (their cookies name no row).
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('staff_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token_digest', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.Enum('second_factor', 'signed_in', name='sessionstage', native_enum=False, length=21), nullable=False),
    sa.Column('device', sa.String(length=40), nullable=False),
    sa.Column('agent_digest', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('code_attempts', sa.Integer(), nullable=False),
    sa.Column('pending_totp_secret', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_staff_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_sessions')),
    sa.UniqueConstraint('token_digest', name=op.f('uq_staff_sessions_token_digest'))
    )
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_sessions_user_id'), ['user_id'], unique=False)

    op.create_table('sign_in_delays',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('last_failure_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('retry_after', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_sign_in_delays'))
    )
    with op.batch_alter_table('sign_in_delays', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_delays_last_failure_at'), ['last_failure_at'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('totp_last_step', sa.Integer(), nullable=True))
        batch_op.drop_column('session_generation')


def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_generation', sa.Integer(), nullable=False, server_default='1'))
        batch_op.drop_column('totp_last_step')

    with op.batch_alter_table('sign_in_delays', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_delays_last_failure_at'))

    op.drop_table('sign_in_delays')
    with op.batch_alter_table('staff_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_sessions_user_id'))

    op.drop_table('staff_sessions')
