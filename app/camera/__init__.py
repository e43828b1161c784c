"""Capture and recording workers (threads, never the UI thread).  No Qt here: the UI
bridges the callbacks to signals."""
