"""readiness: signed reports of the pre-exam self-test

Revision ID: 0011_readiness
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0011_readiness'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('readiness_report',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('plan_no', sa.String(length=40), nullable=False),
    sa.Column('machine', sa.String(length=64), nullable=False),
    sa.Column('created_by', sa.String(length=40), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('verdict', sa.String(length=8), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('signature', sa.LargeBinary(), nullable=False),
    sa.Column('key_id', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_readiness_report_plan_no', 'readiness_report', ['plan_no'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_readiness_report_plan_no', table_name='readiness_report')
    op.drop_table('readiness_report')
