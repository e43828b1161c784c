"""The 检录 workplace: the desk, and for office roles a tab to seat rooms and print."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from app.core.roles import allowed
from app.ui.checkin.desk import CheckinWorkplace
from app.ui.checkin.incidents import IncidentPanel
from app.ui.checkin.printing import PrintPanel


class CheckinArea(QTabWidget):
    """The 检录 workplace: the desk; for office roles sessions, seating and printing; for
    the room head (and admin) what the desk reported."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.desk = CheckinWorkplace(ctx, self)
        self.addTab(self.desk, self.tr("检录台"))
        self.printing = None
        if allowed(ctx.actor.role, "checkin.manage") and allowed(ctx.actor.role, "roster.view"):
            self.printing = PrintPanel(ctx, self)
            self.addTab(self.printing, self.tr("场次、排座与打印"))
            self.printing.session_created.connect(lambda _sid: self.desk.load_sessions())
        self.incidents = None
        if allowed(ctx.actor.role, "checkin.incidents"):
            self.incidents = IncidentPanel(ctx, self)
            self.addTab(self.incidents, self.tr("门口情况"))
