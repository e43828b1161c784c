"""Capture and recording workers for the room cameras."""
