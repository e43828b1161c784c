"""A walk through every workplace of every role: screenshots, and what a person would find wrong.

Used by ``scripts/screenshots.sh`` (a PNG of each workplace at each screen size) and by the GUI test
that fails when a visible label, button or column header is cut off at 1366×768 or shows a
developer's code instead of Chinese (tests/gui/test_readable_screens.py).

    python -m app.ui.tour --site SITE --out FOLDER [--sizes 1366x768,1920x1080]
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QGroupBox, QHeaderView, QLabel,
                               QPushButton, QRadioButton, QStyle, QTableWidget, QTabWidget, QWidget)

from app.core.roles import Role
from app.ui.common.tasks import wait_for_tasks

# One account per role on the demo site (app.services.demo.DEMO_STAFF).
DEMO_LOGINS = {Role.ADMIN: "admin", Role.STAFF: "kaowu", Role.PROCTOR: "jiankao1", Role.ROOM_HEAD: "kaochang",
               Role.GRADER: "kaoping1", Role.CHIEF_GRADER: "zuzhang", Role.INTERNAL_SUPERVISOR: "neidu",
               Role.EXTERNAL_SUPERVISOR: "waidu"}

# A developer's word: a lone ASCII identifier such as ``checked``, ``first_review``, ``auth.login``.
_CODE = re.compile(r"^[a-z][a-z0-9]*(?:[._][a-z0-9]+)*$")
# Words people do read in ASCII on a site: units, formats, file kinds, names of things.
_ALLOWED = {"pdf", "xlsx", "csv", "zip", "qr", "id", "usb", "mjpg", "avi", "rtsp", "http", "https", "png",
            "jpg", "mm", "px", "min", "s", "fps", "gb", "mb", "kb", "ip", "lan", "wifi", "json", "qti"}


@dataclass(frozen=True)
class Problem:
    where: str
    kind: str  # "clipped" | "code" | "mnemonic"
    text: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind} 「{self.text}」"


def _visible(w: QWidget) -> bool:
    """Shown and not wholly covered or outside its parents (a panel parked behind another is not read)."""
    return w.isVisible() and w.width() > 0 and not w.visibleRegion().isEmpty()


# Status and role codes of the program (a lone word in a table cell is shown as is only if it is a name).
STATUS_CODES = {"checked", "unchecked", "pending", "draft", "signed", "open", "closed", "present", "absent", "late",
                "refused", "reviewed", "withdrawn", "confirmed", "upheld", "revoked", "online", "offline", "running",
                "paused", "ended", "submitted", "active", "inactive", "ok", "warn", "fail", "made", "failed",
                "verified", "sealed", "unlocked", "system", "staff", "proctor", "grader", "room_head", "passed", "none",
                "true", "false", "null", "waiting", "done", "error", "new", "started", "stopped", "mismatch",
                "override", "recorded_absent", "granted", "pending_review"}


def _is_code(text: str, cell: bool = False) -> bool:
    """A label or header in lower-case ASCII is a developer's word; in a table cell only a code with
    ``_`` or ``.`` or a known status word is (a computer's name or a user name may be plain ASCII)."""
    t = text.strip()
    if not _CODE.match(t) or t.lower() in _ALLOWED:
        return False
    return not cell or "_" in t or "." in t or t in STATUS_CODES


def _text_width(w: QWidget, text: str) -> int:
    fm = w.fontMetrics()
    return max(fm.horizontalAdvance(line) for line in text.split("\n"))


def problems(root: QWidget, where: str = "") -> list[Problem]:
    """What a person would find wrong in ``root`` as shown now."""
    out: list[Problem] = []
    for w in root.findChildren(QWidget):
        if not _visible(w) or w.objectName().startswith("qt_"):
            continue
        name = f"{where}/{type(w).__name__}:{w.objectName() or w.accessibleName() or '?'}"
        if isinstance(w, QLabel):
            text = w.text()
            if not w.pixmap().isNull() or not text or w.textFormat() == Qt.RichText or (w.textFormat() == Qt.AutoText and "<" in text):
                continue
            if _is_code(text):
                out.append(Problem(name, "code", text))
            if w.buddy() is None and re.search(r"&[A-Za-z0-9]", text.replace("&&", "")):
                out.append(Problem(name, "mnemonic", text))  # without a buddy the "&B" is printed as is
            shown = re.sub(r"&(.)", r"\1", text) if w.buddy() is not None else text
            if not w.wordWrap() and _text_width(w, shown) > w.contentsRect().width() + 1:
                out.append(Problem(name, "clipped", text))
        elif isinstance(w, QAbstractButton) and isinstance(w, (QPushButton, QCheckBox, QRadioButton)):
            text = w.text()
            if not text:
                continue
            shown = text.replace("&&", "\0")
            if "&" in shown and isinstance(w, QPushButton) and not shown.split("&")[1][:1].isalnum():
                out.append(Problem(name, "mnemonic", text))
            if _is_code(text):
                out.append(Problem(name, "code", text))
            need = _text_width(w, shown.replace("&", "").replace("\0", "&"))
            if isinstance(w, QPushButton):
                need += 2 * w.style().pixelMetric(QStyle.PM_ButtonMargin)
                if not w.icon().isNull():
                    need += w.iconSize().width() + 4
                need = min(need, w.sizeHint().width())
            else:  # the box or circle and its spacing come first
                need = min(need + 20, w.sizeHint().width())
            if need > w.width():
                out.append(Problem(name, "clipped", text))
        elif isinstance(w, QGroupBox) and w.title():
            if _text_width(w, w.title()) > w.contentsRect().width():
                out.append(Problem(name, "clipped", w.title()))
        elif isinstance(w, QTabWidget):
            bar = w.tabBar()
            for i in range(bar.count()):
                if _is_code(bar.tabText(i)):
                    out.append(Problem(name, "code", bar.tabText(i)))
        elif isinstance(w, QTableWidget):
            out += _table_problems(w, name)
    return out


def _table_problems(t: QTableWidget, name: str) -> list[Problem]:
    out = []
    header: QHeaderView = t.horizontalHeader()
    if not header.isVisible():
        return out
    for c in range(t.columnCount()):
        item = t.horizontalHeaderItem(c)
        if item is None or t.isColumnHidden(c) or header.sectionSize(c) == 0:
            continue
        text = item.text()
        if _is_code(text):
            out.append(Problem(name, "code", text))
        # Qt's own measure of the room the title needs; less and it is cut with "…"
        if header.sectionSize(c) < header.sectionSizeFromContents(c).width():
            out.append(Problem(name, "clipped", text))
    for r in range(min(t.rowCount(), 50)):
        for c in range(t.columnCount()):
            item = t.item(r, c)
            if item is not None and not t.isColumnHidden(c) and _is_code(item.text(), cell=True):
                out.append(Problem(f"{name}[{r},{c}]", "code", item.text()))
    return out


def open_window(handle, username: str, password: str, role: str, size: tuple[int, int]):
    from app.ui.main_window import MainWindow

    ctx = handle.login(username, password, role)
    mw = MainWindow(handle, ctx)
    mw.resize(*size)
    mw.show()
    return mw


def settle(app: QApplication, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def pages(mw):
    """(index, key, title) of each workplace in the window's list."""
    return [(i, mw.nav.item(i).data(Qt.UserRole), mw.nav.item(i).text()) for i in range(mw.nav.count())]


def views(mw, app: QApplication):
    """Show each workplace in turn and, inside it, each tab of its tab widgets; yields a name for each view."""
    for i, key, _ in pages(mw):
        mw.nav.setCurrentRow(i)
        settle(app, 10)
        page = mw.stack.currentWidget()
        yield key
        for tabs in page.findChildren(QTabWidget):
            if not tabs.isVisible():
                continue
            for t in range(1, tabs.count()):
                tabs.setCurrentIndex(t)
                settle(app, 5)
                yield f"{key}/{tabs.tabText(t)}"
            tabs.setCurrentIndex(0)
            settle(app, 2)


def shoot(handle, out: Path, sizes: list[tuple[int, int]], passwords: dict[str, str]) -> list[Path]:
    app = QApplication.instance()
    written = []
    out.mkdir(parents=True, exist_ok=True)
    for role, username in DEMO_LOGINS.items():
        for size in sizes:
            mw = open_window(handle, username, passwords[username], role.value, size)
            try:
                for i, key, title in pages(mw):
                    mw.nav.setCurrentRow(i)
                    settle(app, 10)
                    path = out / f"{size[0]}x{size[1]}" / f"{role.value}-{i + 1:02d}-{key}.png"
                    path.parent.mkdir(parents=True, exist_ok=True)
                    if mw.grab().save(str(path)):
                        written.append(path)
            finally:
                wait_for_tasks(5000)
                mw.close()
                mw.deleteLater()
                settle(app)
    return written


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m app.ui.tour", description="每个角色、每个工作台的截图")
    p.add_argument("--site", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--sizes", default="1366x768,1920x1080")
    args = p.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.services.demo import DEMO_PASSPHRASE, DEMO_STAFF
    from app.services.site import open_site
    from app.ui.main import apply_display, setup_application

    app = QApplication.instance() or QApplication(sys.argv[:1])
    setup_application(app, "zh_CN")
    apply_display(app, 1.0, False)
    sizes = [tuple(int(x) for x in s.split("x")) for s in args.sizes.split(",")]
    handle = open_site(Path(args.site), os.environ.get("EXAMSITE_PASSPHRASE") or DEMO_PASSPHRASE)
    try:
        written = shoot(handle, Path(args.out), sizes, {u: pw for u, _, _, pw, _ in DEMO_STAFF})
    finally:
        handle.close()
    print(f"已写出 {len(written)} 张截图：{args.out}", flush=True)
    wait_for_tasks(5000)
    sys.stderr.flush()
    # camera and desk workers are daemon threads; leave without tearing Python down under them
    os._exit(0 if written else 1)


if __name__ == "__main__":
    sys.exit(main())
