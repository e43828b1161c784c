"""Starting the GUI: font, translations, the login window, then the main window."""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app import paths
from app.ui.common.display import BASE_POINT_SIZE, apply_display, display_settings

_keep: list = []  # translators must outlive the app


def language() -> str:
    """zh_CN unless EXAMSITE_LANG or the system locale asks for English."""
    lang = os.environ.get("EXAMSITE_LANG") or QLocale.system().name()
    return "en" if lang.lower().startswith("en") else "zh_CN"


# How long another thread of the UI's process (a camera recorder, a background task) may keep
# Python's interpreter lock while the UI thread waits for it.  The UI thread gives the lock up on
# every call into Qt and must win it back each time; with the default 5 ms a refresh of a few
# hundred cells could wait that long many times over while cameras recorded.
UI_SWITCH_INTERVAL_S = 0.001


def setup_application(app: QApplication, lang: str | None = None) -> str:
    """Font with Chinese glyphs shipped with the program; our and Qt's own translations; short
    turns at the interpreter lock (``UI_SWITCH_INTERVAL_S``)."""
    sys.setswitchinterval(UI_SWITCH_INTERVAL_S)
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
