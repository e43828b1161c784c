"""Bounds on everything the site reads from a file, with their defaults.

A roster, a question bank, a QTI package, a photo or an answer pack comes from
someone else's computer.  Each bound below is far above what a real file of that kind
needs and far below what would exhaust a site laptop's memory; a file beyond one is
refused with one line naming the bound, before it is decoded.  ``app.formats.limits``
reads overrides (``EXAMSITE_LIMIT_<NAME>``, e.g. ``EXAMSITE_LIMIT_ROWS=200000``).
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    file_bytes: int = 50 * MB  # any imported file as it lies on disk (xlsx, xls, csv, QTI zip, answer pack)
    unzipped_bytes: int = 300 * MB  # all members of an xlsx / QTI zip, decompressed
    shared_strings_bytes: int = 60 * MB  # xl/sharedStrings.xml decompressed (the text of every cell)
    rows: int = 100_000  # rows per sheet (a roster of a whole province is ~20 000)
    columns: int = 200  # columns per row
    image_bytes: int = 2 * MB  # one photo or question image
    image_pixels: int = 25_000_000  # width × height of one photo or question image (5000 × 5000)
    manifest_bytes: int = 5 * MB  # QTI imsmanifest.xml
    item_bytes: int = 5 * MB  # one QTI item file
    errors_listed: int = 200  # faults listed for a refused import; the rest are counted

    def describe(self, name: str) -> str:
        value = getattr(self, name)
        if name.endswith("_bytes"):
            return f"{value / MB:g} MB"
        return f"{value:,}"


IMAGE_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "gif": "image/gif"}
