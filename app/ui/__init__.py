"""PySide6 only.  Widgets call services; nothing here imports the store or SQL."""
