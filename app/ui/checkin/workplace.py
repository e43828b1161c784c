"""The 检录 workplace: the desk, and for office roles a tab to seat rooms and print."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from app.core.roles import allowed
from app.ui.checkin.desk import CheckinWorkplace
from app.ui.checkin.printing import PrintPanel


class CheckinArea(QTabWidget):
    """The 检录 workplace: the desk, and for office roles the seating and printing tab."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = CheckinWorkplace(ctx, self)
        self.addTab(self.desk, self.tr("检录台"))
        self.printing = None
        if allowed(ctx.actor.role, "checkin.manage") and allowed(ctx.actor.role, "roster.view"):
            self.printing = PrintPanel(ctx, self)
            self.addTab(self.printing, self.tr("排座与打印"))
