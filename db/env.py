"""Alembic environment: the site store hands us an open (keyed) connection."""

from alembic import context

from app.store.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("ExamSite migrations run only through app.store.engine (the store is encrypted)")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True,
                  compare_type=True)
with context.begin_transaction():
    context.run_migrations()
