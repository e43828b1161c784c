"""stations: station kinds on the master, a door desk's roster slice and its own check-ins

Revision ID: 0018_stations
Revises: 0001
"""
from alembic import op
import sqlalchemy as sa

revision = '0018_stations'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('station',
    sa.Column('machine_id', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('room', sa.String(length=40), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('provisioned_at', sa.DateTime(), nullable=True),
    sa.Column('candidates', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('machine_id')
    )
    op.create_table('station_candidate',
    sa.Column('ticket_no', sa.String(length=40), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('sex', sa.String(length=8), nullable=False),
    sa.Column('id_no', sa.String(length=40), nullable=False),
    sa.Column('room', sa.String(length=40), nullable=False),
    sa.Column('seat', sa.String(length=20), nullable=False),
    sa.Column('photo', sa.LargeBinary(), nullable=True),
    sa.PrimaryKeyConstraint('ticket_no')
    )
    op.create_index('ix_station_candidate_id_no', 'station_candidate', ['id_no'], unique=False)
    op.create_table('station_checkin',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('ticket_no', sa.String(length=40), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('by_name', sa.String(length=40), nullable=False),
    sa.Column('online', sa.Boolean(), nullable=False),
    sa.Column('verdict', sa.String(length=24), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seq')
    )
    op.create_index('ix_station_checkin_ticket_no', 'station_checkin', ['ticket_no'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_station_checkin_ticket_no', table_name='station_checkin')
    op.drop_table('station_checkin')
    op.drop_index('ix_station_candidate_id_no', table_name='station_candidate')
    op.drop_table('station_candidate')
    op.drop_table('station')
