"""grader qualification: 考评员证号, level and 考评职业 on the staff account

Revision ID: 0020_grader_qualification
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0020_grader_qualification'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.add_column(sa.Column('grader_card_no', sa.String(length=30), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('grader_level', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('grader_occupation', sa.String(length=60), nullable=False,
                                      server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('staff', schema=None) as batch_op:
        batch_op.drop_column('grader_occupation')
        batch_op.drop_column('grader_level')
        batch_op.drop_column('grader_card_no')
