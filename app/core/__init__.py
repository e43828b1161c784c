"""The rules of the domain, pure Python: no Qt, no SQL, no files, no clock reads."""
