"""grader station corrections: a sheet signed at a grader station may be corrected there (a new version)

Revision ID: 0026_grader_corrections
Revises: 0001
Create Date: 2026-12-10 09:00:00

``grader_sheet`` keeps one row per version (unique ticket, grader, version instead of ticket,
grader), each with the master's id of the sheet it supersedes and the reason, and the master's
id of the sheet once accepted (sent back in the verdict).  SQLite cannot alter a constraint: the
table is rebuilt (batch mode).  Depends on 0021 (its table must exist).
"""
from alembic import op
import sqlalchemy as sa


revision = '0026_grader_corrections'
down_revision = '0001'
branch_labels = None
depends_on = '0021_grader_station'

NAMING = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}
OLD, NEW = ["ticket_no", "grader"], ["ticket_no", "grader", "version"]


def _uq(cols: list[str]) -> str:
    return "uq_grader_sheet_" + "_".join(cols)


def upgrade() -> None:
    with op.batch_alter_table("grader_sheet", naming_convention=NAMING, recreate="always") as b:
        b.drop_constraint(_uq(OLD), type_="unique")
        b.add_column(sa.Column("version", sa.Integer(), nullable=False, server_default="1"))
        b.add_column(sa.Column("supersedes", sa.Integer(), nullable=True))
        b.add_column(sa.Column("correction_reason", sa.Text(), nullable=False, server_default=""))
        b.add_column(sa.Column("master_sheet", sa.Integer(), nullable=True))
        b.create_unique_constraint(_uq(NEW), NEW)


def downgrade() -> None:
    op.execute("DELETE FROM grader_sheet WHERE version > 1")   # corrections go with their columns
    with op.batch_alter_table("grader_sheet", naming_convention=NAMING, recreate="always") as b:
        b.drop_constraint(_uq(NEW), type_="unique")
        for col in ("master_sheet", "correction_reason", "supersedes", "version"):
            b.drop_column(col)
        b.create_unique_constraint(_uq(OLD), OLD)
