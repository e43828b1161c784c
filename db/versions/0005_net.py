"""net: machine registry, enrollment, received and outbox records, incidents

Revision ID: 0005
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('machine',
    sa.Column('machine_id', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=False),
    sa.Column('machine_key', sa.LargeBinary(), nullable=False),
    sa.Column('enrolled_at', sa.DateTime(), nullable=False),
    sa.Column('enrolled_by', sa.String(length=40), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('contiguous_seq', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('machine_id'),
    sa.UniqueConstraint('public_key')
    )
    op.create_table('enrollment_request',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=False),
    sa.Column('nonce', sa.LargeBinary(), nullable=False),
    sa.Column('name', sa.String(length=64), nullable=False),
    sa.Column('code', sa.String(length=16), nullable=False),
    sa.Column('requested_at', sa.DateTime(), nullable=False),
    sa.Column('state', sa.String(length=16), nullable=False),
    sa.Column('machine_id', sa.String(length=32), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_enrollment_request_code', 'enrollment_request', ['code'], unique=False)
    op.create_table('received_record',
    sa.Column('machine_id', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('envelope', sa.Text(), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('received_at', sa.DateTime(), nullable=False),
    sa.Column('via', sa.String(length=16), nullable=False),
    sa.PrimaryKeyConstraint('machine_id', 'seq'),
    sa.UniqueConstraint('content_hash')
    )
    op.create_index('ix_received_record_kind', 'received_record', ['kind'], unique=False)
    op.create_table('outbox_record',
    sa.Column('recipient', sa.String(length=32), nullable=False),
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.String(length=40), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('envelope', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('recipient', 'seq'),
    sa.UniqueConstraint('content_hash')
    )
    op.create_table('incident',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('occurred_at', sa.DateTime(), nullable=False),
    sa.Column('room', sa.String(length=40), nullable=False),
    sa.Column('candidate', sa.String(length=40), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=40), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )


def downgrade() -> None:
    op.drop_table('incident')
    op.drop_table('outbox_record')
    op.drop_table('received_record')
    op.drop_index('ix_enrollment_request_code', table_name='enrollment_request')
    op.drop_table('enrollment_request')
    op.drop_table('machine')
