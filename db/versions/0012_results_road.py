"""results road: corrections of a recorded score (two people, a reason, the old value kept)

Revision ID: 0012_results_road
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0012_results_road'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('score_correction',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('subject', sa.String(length=16), nullable=False),
    sa.Column('state', sa.String(length=12), nullable=False),
    sa.Column('old_score', sa.String(length=8), nullable=True),
    sa.Column('old_absent', sa.Boolean(), nullable=False),
    sa.Column('old_source', sa.String(length=24), nullable=False),
    sa.Column('first_by', sa.String(length=32), nullable=False),
    sa.Column('first_value', sa.String(length=8), nullable=False),
    sa.Column('first_reason', sa.Text(), nullable=False),
    sa.Column('second_by', sa.String(length=32), nullable=True),
    sa.Column('second_value', sa.String(length=8), nullable=True),
    sa.Column('second_reason', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('applied_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_score_correction_candidate_id', 'score_correction', ['candidate_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_score_correction_candidate_id', table_name='score_correction')
    op.drop_table('score_correction')
