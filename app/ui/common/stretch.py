"""Longer strings on purpose, to check that layouts survive translation (after Vorta's TRANS_SCALE).

    EXAMSITE_TRANS_SCALE=150 examsite gui     # every translated string 50 % longer
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator


class StretchTranslator(QTranslator):
    def __init__(self, base: QTranslator | None, percent: int, parent=None):
        super().__init__(parent)
        self.base, self.percent = base, percent

    def isEmpty(self) -> bool:  # Qt API
        return False

    def translate(self, context, source, disambiguation=None, n=-1):  # Qt API
        text = (self.base.translate(context, source, disambiguation, n) if self.base else "") or source
        if not text or "{" in text or "%" in text:
            pad = ""  # keep format placeholders intact
        else:
            pad = text[: max(0, len(text) * (self.percent - 100) // 100)]
        return text + pad
