"""review panel: the 综合评审 panel scores like a practical group (a ``subject`` on the scoring tables)

Revision ID: 0025
Revises: 0001
Create Date: 2026-12-02 07:05:00

Every scoring table gets ``subject`` ('practical' for every existing row, or 'review') and its
unique constraints include it.  SQLite cannot alter a constraint: the tables are rebuilt
(batch mode), and the triggers on score_sheet and score_decision, dropped with the old tables,
are re-created exactly as 0006 defines them.  Depends on 0006 (its tables must exist).
"""
from alembic import op
import sqlalchemy as sa


revision = '0025'
down_revision = '0001'
branch_labels = None
depends_on = '0006'

# reflected unnamed UNIQUE constraints get these names, so they can be dropped
NAMING = {"uq": "uq_%(table_name)s_%(column_0_N_name)s"}

# table -> (old unique columns, new unique columns); None: no unique constraint
TABLES = {
    "scoring_template": (["batch_id"], ["batch_id", "subject"]),
    "scoring_group_member": (["batch_id", "staff_id"], ["batch_id", "subject", "staff_id"]),
    "score_sheet": (["candidate_id", "grader_id", "version"], ["candidate_id", "subject", "grader_id", "version"]),
    "paper_entry": (["candidate_id", "grader_id", "typist_id"], ["candidate_id", "subject", "grader_id", "typist_id"]),
    "score_decision": None,
    "score_absence": (["candidate_id"], ["candidate_id", "subject"]),
    "summary_signature": (["batch_id", "staff_id", "summary_sha256"],
                          ["batch_id", "subject", "staff_id", "summary_sha256"]),
}

TRIGGERS = (
    ("score_sheet_signed_no_update",
     "CREATE TRIGGER score_sheet_signed_no_update BEFORE UPDATE ON score_sheet "
     "WHEN OLD.status = 'signed' BEGIN SELECT RAISE(ABORT, 'signed score sheet is immutable'); END"),
    ("score_sheet_signed_no_delete",
     "CREATE TRIGGER score_sheet_signed_no_delete BEFORE DELETE ON score_sheet "
     "WHEN OLD.status = 'signed' BEGIN SELECT RAISE(ABORT, 'signed score sheet is immutable'); END"),
    ("score_decision_no_update",
     "CREATE TRIGGER score_decision_no_update BEFORE UPDATE ON score_decision "
     "BEGIN SELECT RAISE(ABORT, 'a decision is never changed; record a new one'); END"),
)


def _uq(table: str, cols: list[str]) -> str:
    return "uq_" + table + "_" + "_".join(cols)


def _rebuild(to_new: bool) -> None:
    for name, _ in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table, uniques in TABLES.items():
        with op.batch_alter_table(table, naming_convention=NAMING, recreate="always") as b:
            if uniques is not None:
                old, new = uniques if to_new else (uniques[1], uniques[0])
                b.drop_constraint(_uq(table, old), type_="unique")
            if to_new:
                b.add_column(sa.Column("subject", sa.String(length=16), nullable=False, server_default="practical"))
            else:
                b.drop_column("subject")
            if uniques is not None:
                b.create_unique_constraint(_uq(table, new), new)
    for _, sql in TRIGGERS:
        op.execute(sql)


def upgrade() -> None:
    _rebuild(True)


def downgrade() -> None:
    for name, _ in TRIGGERS:   # the review panel's rows go with the column
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    for table in TABLES:
        op.execute(f"DELETE FROM {table} WHERE subject <> 'practical'")
    _rebuild(False)
