"""After a file is written: open it, print it (PDF) or show its folder, with one click.

``offer_file`` shows a small non-modal box (it never blocks the workplace); printing renders the
PDF's pages with Qt's own PDF module onto the printer the person picks in the system dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.ui.common.widgets import tr


def open_file(path: str | Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).resolve())))


def print_pdf(parent: QWidget | None, path: str | Path) -> bool:
    """Ask for a printer and print every page; False if cancelled or the file cannot be read."""
    from PySide6.QtPdf import QPdfDocument
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    doc = QPdfDocument(parent)
    if doc.load(str(path)) != QPdfDocument.Error.None_ or doc.pageCount() == 0:
        QMessageBox.warning(parent, tr("无法打印"), tr("无法读取 PDF 文件：{0}").format(path))
        return False
    printer = QPrinter(QPrinter.HighResolution)
    printer.setDocName(Path(path).name)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(tr("打印 {0}").format(Path(path).name))
    if dialog.exec() != QPrintDialog.Accepted:
        return False
    painter = QPainter()
    if not painter.begin(printer):
        QMessageBox.warning(parent, tr("无法打印"), tr("打印机无法开始打印，请检查打印机是否连接"))
        return False
    try:
        for i in range(doc.pageCount()):
            if i:
                printer.newPage()
            area = painter.viewport()
            size = doc.pagePointSize(i).toSize().scaled(area.size(), Qt.KeepAspectRatio)
            image = doc.render(i, QSize(size.width(), size.height()))
            painter.drawImage(area.topLeft(), image)
    finally:
        painter.end()
    return True


class FileWritten(QDialog):
    """A non-modal note that a file was written, with 打开 / 打印… (PDF) / 打开所在文件夹 / 关闭."""

    def __init__(self, parent: QWidget | None, path: Path, text: str):
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(tr("文件已生成"))
        self.setAttribute(Qt.WA_DeleteOnClose)
        self.setModal(False)
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.open_button = QPushButton(tr("打开"))
        self.open_button.clicked.connect(lambda: open_file(path))
        self.print_button = QPushButton(tr("打印…"))
        self.print_button.clicked.connect(lambda: print_pdf(self, path))
        self.print_button.setVisible(path.suffix.lower() == ".pdf")
        self.folder_button = QPushButton(tr("打开所在文件夹"))
        self.folder_button.clicked.connect(lambda: open_file(path.parent))
        close = QPushButton(tr("关闭"))
        close.clicked.connect(self.close)
        row = QHBoxLayout()
        for b in (self.open_button, self.print_button, self.folder_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(close)
        lay = QVBoxLayout(self)
        lay.addWidget(label)
        lay.addLayout(row)
        self.open_button.setDefault(True)


def offer_file(parent: QWidget | None, path: str | Path, text: str | None = None) -> FileWritten:
    """Show the note (never blocks the workplace) and return it."""
    path = Path(path)
    box = FileWritten(parent, path, text or tr("已写出：{0}").format(path))
    box.show()
    return box
