"""The encrypted site store: SQLAlchemy 2 on SQLCipher, the journal, migrations."""
