"""wiring: the camera bookmark kept as evidence on a door incident (check-in 人证不符)

Revision ID: 0010_wiring
Revises: 0003
"""
from alembic import op
import sqlalchemy as sa

revision = '0010_wiring'
down_revision = '0003'  # adds a column to door_incident, which 0003_checkin creates
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('door_incident', schema=None) as batch_op:
        batch_op.add_column(sa.Column('bookmark_id', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('door_incident', schema=None) as batch_op:
        batch_op.drop_column('bookmark_id')
