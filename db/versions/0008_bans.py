"""bans: the ban list kept across batches (不得参加评价)

Revision ID: 0008_bans
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_bans'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('ban',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('id_no', sa.String(length=40), nullable=False),
    sa.Column('id_type', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=False),
    sa.Column('until_date', sa.Date(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('finding_ref', sa.String(length=64), nullable=True),
    sa.Column('created_by', sa.String(length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('lifted_at', sa.DateTime(), nullable=True),
    sa.Column('lifted_reason', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index(op.f('ix_ban_id_no'), 'ban', ['id_no'], unique=False)


def downgrade() -> None:
    op.drop_index(op.f('ix_ban_id_no'), table_name='ban')
    op.drop_table('ban')
