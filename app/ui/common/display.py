"""The display settings of the whole program (kiosk included): font scale and high contrast.

Kept apart from ``app.ui.main`` (start-up) so that the main window can change them without
importing the module that imports it (login -> main window -> main -> login was a circle).
"""

from __future__ import annotations

import os

from PySide6.QtWidgets import QApplication

BASE_POINT_SIZE = 11
SCALES = (0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


def apply_display(app: QApplication, scale: float = 1.0, high_contrast: bool = False) -> None:
    """Font scaling and the high-contrast theme, for the whole program (kiosk included)."""
    from PySide6.QtGui import QColor, QPalette

    font = app.font()
    font.setPointSizeF(round(BASE_POINT_SIZE * scale, 1))
    app.setFont(font)
    if high_contrast:
        pal = QPalette()
        black, white, yellow, cyan = QColor("#000000"), QColor("#FFFFFF"), QColor("#FFFF00"), QColor("#00FFFF")
        for role, colour in ((QPalette.Window, black), (QPalette.WindowText, white), (QPalette.Base, black),
                             (QPalette.AlternateBase, QColor("#1A1A1A")), (QPalette.Text, white),
                             (QPalette.Button, black), (QPalette.ButtonText, white), (QPalette.BrightText, yellow),
                             (QPalette.Highlight, yellow), (QPalette.HighlightedText, black),
                             (QPalette.ToolTipBase, black), (QPalette.ToolTipText, white), (QPalette.Link, cyan),
                             (QPalette.PlaceholderText, QColor("#C0C0C0"))):
            pal.setColor(role, colour)
        app.setPalette(pal)
        app.setStyleSheet("QWidget:focus { outline: 3px solid #FFFF00; } "
                          "QPushButton, QLineEdit, QComboBox { border: 2px solid #FFFFFF; }")
    else:
        app.setPalette(app.style().standardPalette())
        app.setStyleSheet("")
    app.setProperty("examsite_scale", scale)
    app.setProperty("examsite_high_contrast", high_contrast)


def display_settings() -> tuple[float, bool]:
    from PySide6.QtCore import QSettings

    settings = QSettings()
    scale = float(os.environ.get("EXAMSITE_FONT_SCALE") or settings.value("display/scale", 1.0))
    contrast = os.environ.get("EXAMSITE_HIGH_CONTRAST") or settings.value("display/high_contrast", "false")
    return scale, str(contrast).lower() in ("1", "true", "yes")
