"""rules: 公示 objections, the 鉴定中心's review, batch suspensions (内督 veto), the 外督 form

Revision ID: 0013_rules
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0013_rules'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('publication_objection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('candidate_id', sa.Integer(), nullable=False),
    sa.Column('publication_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('recorded_by', sa.String(length=32), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('outcome', sa.String(length=12), nullable=True),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('resolved_by', sa.String(length=32), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['batch.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['candidate_id'], ['candidate.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_publication_objection_batch_id', 'publication_objection', ['batch_id'], unique=False)
    op.create_index('ix_publication_objection_candidate_id', 'publication_objection', ['candidate_id'], unique=False)
    op.create_table('center_review',
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('reviewer', sa.String(length=80), nullable=False),
    sa.Column('reviewed_on', sa.Date(), nullable=False),
    sa.Column('reply_no', sa.String(length=80), nullable=False),
    sa.Column('imported', sa.Boolean(), nullable=False),
    sa.Column('recorded_by', sa.String(length=32), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batch.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('batch_id')
    )
    op.create_table('batch_suspension',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('vetoes', sa.Text(), nullable=False),
    sa.Column('opened_by', sa.String(length=32), nullable=False),
    sa.Column('opened_at', sa.DateTime(), nullable=False),
    sa.Column('resolution', sa.Text(), nullable=True),
    sa.Column('resolved_by', sa.String(length=32), nullable=True),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['batch_id'], ['batch.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_batch_suspension_batch_id', 'batch_suspension', ['batch_id'], unique=False)
    op.create_table('external_supervision',
    sa.Column('batch_id', sa.Integer(), nullable=False),
    sa.Column('scores', sa.Text(), nullable=False),
    sa.Column('vetoes', sa.Text(), nullable=False),
    sa.Column('opinion', sa.Text(), nullable=False),
    sa.Column('total', sa.Integer(), nullable=False),
    sa.Column('supervisor', sa.String(length=32), nullable=False),
    sa.Column('supervisor_name', sa.String(length=40), nullable=False),
    sa.Column('card_no', sa.String(length=16), nullable=False),
    sa.Column('signed_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['batch_id'], ['batch.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('batch_id')
    )


def downgrade() -> None:
    op.drop_table('external_supervision')
    op.drop_index('ix_batch_suspension_batch_id', table_name='batch_suspension')
    op.drop_table('batch_suspension')
    op.drop_table('center_review')
    op.drop_index('ix_publication_objection_candidate_id', table_name='publication_objection')
    op.drop_index('ix_publication_objection_batch_id', table_name='publication_objection')
    op.drop_table('publication_objection')
