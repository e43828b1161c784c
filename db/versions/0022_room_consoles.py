"""room consoles: the master's room consoles and finding refs; a console's staff, candidates,
terminals, findings and signatures

Revision ID: 0022_room_consoles
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0022_room_consoles'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('room_console',
    sa.Column('machine_id', sa.String(length=32), nullable=False),
    sa.Column('plan_no', sa.String(length=40), nullable=False),
    sa.Column('room', sa.String(length=40), nullable=False),
    sa.Column('staff', sa.Text(), nullable=False),
    sa.Column('terminals', sa.Text(), nullable=False),
    sa.Column('provisioned_at', sa.DateTime(), nullable=False),
    sa.Column('board_hash', sa.String(length=64), nullable=False),
    sa.Column('findings_hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('machine_id')
    )
    op.create_table('console_finding_ref',
    sa.Column('ref', sa.String(length=48), nullable=False),
    sa.Column('machine_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('ref')
    )
    op.create_index('ix_console_finding_ref_finding_id', 'console_finding_ref', ['finding_id'], unique=False)
    op.create_table('console_staff',
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('roles', sa.Text(), nullable=False),
    sa.Column('batch_roles', sa.Text(), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('username')
    )
    op.create_table('console_candidate',
    sa.Column('ticket_no', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('seat', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('ticket_no')
    )
    op.create_table('console_terminal',
    sa.Column('machine_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('seat', sa.String(length=20), nullable=False),
    sa.PrimaryKeyConstraint('machine_id')
    )
    op.create_table('console_finding',
    sa.Column('ref', sa.String(length=48), nullable=False),
    sa.Column('master_id', sa.Integer(), nullable=True),
    sa.Column('ticket_no', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('subject', sa.String(length=16), nullable=False),
    sa.Column('article', sa.Integer(), nullable=False),
    sa.Column('item', sa.Integer(), nullable=False),
    sa.Column('facts', sa.Text(), nullable=False),
    sa.Column('severity', sa.String(length=8), nullable=True),
    sa.Column('status', sa.String(length=12), nullable=False),
    sa.Column('opened_by', sa.String(length=32), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=True),
    sa.Column('verdict', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('ref')
    )
    op.create_table('console_signature',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(length=48), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=True),
    sa.Column('verdict', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seq')
    )
    op.create_index('ix_console_signature_ref', 'console_signature', ['ref'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_console_signature_ref', table_name='console_signature')
    op.drop_table('console_signature')
    op.drop_table('console_finding')
    op.drop_table('console_terminal')
    op.drop_table('console_candidate')
    op.drop_table('console_staff')
    op.drop_index('ix_console_finding_ref_finding_id', table_name='console_finding_ref')
    op.drop_table('console_finding_ref')
    op.drop_table('room_console')
