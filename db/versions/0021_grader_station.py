"""grader station: its group's candidates, accounts and its own sheets

Revision ID: 0021_grader_station
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0021_grader_station'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('grader_candidate',
    sa.Column('ticket_no', sa.String(length=40), nullable=False),
    sa.Column('plan_no', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('room', sa.String(length=40), nullable=False),
    sa.Column('seat', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('ticket_no')
    )
    op.create_table('grader_account',
    sa.Column('username', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('is_chief', sa.Boolean(), nullable=False),
    sa.Column('password_hash', sa.Text(), nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=True),
    sa.Column('sealed_private', sa.LargeBinary(), nullable=True),
    sa.Column('kdf', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    op.create_table('grader_sheet',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_no', sa.String(length=40), nullable=False),
    sa.Column('ticket_no', sa.String(length=40), nullable=False),
    sa.Column('grader', sa.String(length=40), nullable=False),
    sa.Column('entries', sa.Text(), nullable=False),
    sa.Column('total', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=True),
    sa.Column('signature', sa.LargeBinary(), nullable=True),
    sa.Column('content_sha256', sa.String(length=64), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=True),
    sa.Column('verdict', sa.String(length=24), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ticket_no', 'grader')
    )
    op.create_index('ix_grader_sheet_ticket_no', 'grader_sheet', ['ticket_no'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_grader_sheet_ticket_no', table_name='grader_sheet')
    op.drop_table('grader_sheet')
    op.drop_table('grader_account')
    op.drop_table('grader_candidate')
