"""Starting the GUI: font, translations, the login window, then the main window."""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app import paths

_keep: list = []  # translators must outlive the app


def language() -> str:
    """zh_CN unless EXAMSITE_LANG or the system locale asks for English."""
    lang = os.environ.get("EXAMSITE_LANG") or QLocale.system().name()
    return "en" if lang.lower().startswith("en") else "zh_CN"


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


def setup_application(app: QApplication, lang: str | None = None) -> str:
    """Font with Chinese glyphs shipped with the program; our and Qt's own translations."""
    app.setApplicationName("ExamSite")
    app.setOrganizationName("ExamSite")
    font_id = QFontDatabase.addApplicationFont(str(paths.cjk_font()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        font = QFont(families[0])
        font.setPointSize(BASE_POINT_SIZE)
        app.setFont(font)
    lang = lang or language()
    for old in list(_keep):
        app.removeTranslator(old)
        _keep.remove(old)
    if lang == "en":
        ours = QTranslator(app)
        if ours.load(str(paths.resources() / "translations" / "examsite_en.qm")):
            stretch = int(os.environ.get("EXAMSITE_TRANS_SCALE", "100") or 100)
            if stretch != 100:  # layout check with longer strings (after Vorta's TRANS_SCALE)
                from app.ui.common.stretch import StretchTranslator

                ours = StretchTranslator(ours, stretch, app)
            app.installTranslator(ours)
            _keep.append(ours)
    else:
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _keep.append(qt)
    return lang


def run(argv: list[str] | None = None) -> int:
    argv = list(argv if argv is not None else sys.argv)
    parser = argparse.ArgumentParser(prog="examsite gui")
    parser.add_argument("--site")
    args, _ = parser.parse_known_args(argv[1:])
    app = QApplication.instance() or QApplication(argv)
    setup_application(app)
    apply_display(app, *display_settings())
    from app.ui.login import LoginWindow

    window = LoginWindow(site_dir=args.site, passphrase=os.environ.get("EXAMSITE_PASSPHRASE"))
    window.show()
    smoke = os.environ.get("EXAMSITE_SMOKE_SCREENSHOT")
    if smoke:  # used by tests and the installer check: prove the window really appears, then quit
        from PySide6.QtCore import QTimer

        def shoot():
            ok = window.isVisible() and window.screen().grabWindow(window.winId()).save(smoke)
            print(f"smoke: window={window.windowTitle()} page={window.pages.currentIndex()} "
                  f"platform={app.platformName()} saved={ok}", flush=True)
            app.exit(0 if ok else 1)

        QTimer.singleShot(int(os.environ.get("EXAMSITE_SMOKE_DELAY_MS", "3000")), shoot)
    return app.exec()
