"""Developer tool: autogenerate an Alembic revision against a scratch store at head."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from alembic import command

from app.store import engine as eng
from app.store.keys import TEST_KDF, new_site_file


def main(message: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        _, site_keys = new_site_file("scratch-passphrase", TEST_KDF)
        db = Path(tmp) / "site.db"
        engine = eng.make_engine(db, site_keys)
        if any((eng.paths.migrations() / "versions").glob("*.py")):
            eng.migrate(engine, db)
        with engine.begin() as conn:
            cfg = eng._alembic_config(conn)
            command.revision(cfg, message=message, autogenerate=True)
        engine.dispose()


if __name__ == "__main__":
    main(" ".join(sys.argv[1:]) or "change")
