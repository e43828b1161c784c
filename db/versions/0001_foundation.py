"""foundation: site, staff, batch, roster, journal

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 05:37:49.850539
"""
from alembic import op
import sqlalchemy as sa



revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('batch',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_no', sa.String(length=40), nullable=False),
    sa.Column('occupation_code', sa.String(length=16), nullable=False),
    sa.Column('occupation_name', sa.String(length=60), nullable=False),
    sa.Column('work_type', sa.String(length=60), nullable=True),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('exam_start', sa.Date(), nullable=False),
    sa.Column('exam_end', sa.Date(), nullable=False),
    sa.Column('pass_marks', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('plan_no')
    )
    op.create_table('journal',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('ts', sa.String(length=32), nullable=False),
    sa.Column('actor', sa.String(length=40), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.Column('machine', sa.String(length=64), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('subject', sa.String(length=120), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    with op.batch_alter_table('journal', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_journal_action'), ['action'], unique=False)

    op.create_table('journal_checkpoint',
    sa.Column('seq', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('entry_hash', sa.String(length=64), nullable=False),
    sa.Column('ts', sa.String(length=32), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('seq')
    )
    op.create_table('setting',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('site_key',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.Column('algorithm', sa.String(length=16), nullable=False),
    sa.Column('purpose', sa.String(length=32), nullable=False),
    sa.Column('private_key', sa.LargeBinary(), nullable=False),
    sa.Column('public_key', sa.LargeBinary(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('key_id')
    )
    op.create_table('staff',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('id_type', sa.String(length=3), nullable=False),
    sa.Column('id_no', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=120), nullable=False),
    sa.Column('roles', sa.Text(), nullable=False),
    sa.Column('card_no', sa.String(length=20), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('username')
    )
    op.create_table('batch_assignment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('staff_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batch.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['staff_id'], ['staff.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('batch_id', 'staff_id', 'role')
    )
    op.create_table('candidate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('ticket_no', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('sex', sa.String(length=2), nullable=False),
    sa.Column('id_type', sa.String(length=3), nullable=False),
    sa.Column('id_no', sa.String(length=40), nullable=False),
    sa.Column('unit', sa.String(length=120), nullable=False),
    sa.Column('room', sa.String(length=40), nullable=False),
    sa.Column('seat', sa.String(length=20), nullable=False),
    sa.Column('photo', sa.LargeBinary(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['batch.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('batch_id', 'id_no'),
    sa.UniqueConstraint('ticket_no')
    )
    with op.batch_alter_table('candidate', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_candidate_batch_id'), ['batch_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_candidate_id_no'), ['id_no'], unique=False)

    op.create_table('room',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batch.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('batch_id', 'name')
    )



def downgrade() -> None:

    op.drop_table('room')
    with op.batch_alter_table('candidate', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_candidate_id_no'))
        batch_op.drop_index(batch_op.f('ix_candidate_batch_id'))

    op.drop_table('candidate')
    op.drop_table('batch_assignment')
    op.drop_table('staff')
    op.drop_table('site_key')
    op.drop_table('setting')
    op.drop_table('journal_checkpoint')
    with op.batch_alter_table('journal', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_journal_action'))

    op.drop_table('journal')
    op.drop_table('batch')

