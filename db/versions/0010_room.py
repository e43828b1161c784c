"""room: the master's merged truth of theory sittings and answers

Revision ID: 0010_room
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0010_room'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('room_sitting',
    sa.Column('plan_no', sa.String(length=40), nullable=False),
    sa.Column('ticket_no', sa.String(length=40), nullable=False),
    sa.Column('variant', sa.String(length=4), nullable=False),
    sa.Column('items', sa.Text(), nullable=False),
    sa.Column('machine_id', sa.String(length=32), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('duration_ms', sa.Integer(), nullable=False),
    sa.Column('extension_ms', sa.Integer(), nullable=False),
    sa.Column('consumed_ms', sa.Integer(), nullable=False),
    sa.Column('focus_losses', sa.Integer(), nullable=False),
    sa.Column('events', sa.Integer(), nullable=False),
    sa.Column('submit_reason', sa.String(length=32), nullable=False),
    sa.Column('submit_consumed_ms', sa.Integer(), nullable=True),
    sa.Column('terminal_total', sa.String(length=16), nullable=True),
    sa.Column('master_total', sa.String(length=16), nullable=True),
    sa.Column('result', sa.Text(), nullable=True),
    sa.Column('recorded_total', sa.String(length=16), nullable=True),
    sa.Column('record_error', sa.String(length=200), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('plan_no', 'ticket_no')
    )
    op.create_table('room_answer',
    sa.Column('plan_no', sa.String(length=40), nullable=False),
    sa.Column('ticket_no', sa.String(length=40), nullable=False),
    sa.Column('qno', sa.Integer(), nullable=False),
    sa.Column('choice', sa.String(length=16), nullable=False),
    sa.Column('flagged', sa.Boolean(), nullable=False),
    sa.Column('consumed_ms', sa.Integer(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('machine_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('plan_no', 'ticket_no', 'qno')
    )


def downgrade() -> None:
    op.drop_table('room_answer')
    op.drop_table('room_sitting')
