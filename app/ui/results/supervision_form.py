"""内部督导情况报告 (Nanxun 附件2), filled in by the internal supervisor: one choice per line from the
scores the criteria allow, the veto items, the opinion, signed by re-entering the password."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QInputDialog, QLabel, QLineEdit,
                               QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QVBoxLayout, QWidget)

from app.core import supervision as sv
from app.services.official_tables import TablesService
from app.ui.common.tasks import run_task


class SupervisionForm(QWidget):
    saved = Signal(int)

    def __init__(self, ctx, plan_no_getter, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.plan_no = plan_no_getter
        self.choices: dict[str, QComboBox] = {}
        form = QFormLayout()
        for line in sv.FORM:
            box = QComboBox()
            for value in line.allowed:
                box.addItem(str(value), value)
            box.setToolTip(line.criteria)
            box.setAccessibleName(line.item)
            box.currentIndexChanged.connect(self._update_total)
            self.choices[line.key] = box
            form.addRow(f"{line.core} · {line.item}", box)
        self.vetoes: dict[str, QCheckBox] = {}
        veto_box = QGroupBox(self.tr("否决项（触犯任何一项即本次内督得分为0，且暂停本次认定）"))
        vl = QVBoxLayout(veto_box)
        for key, text in sv.VETOES:
            cb = QCheckBox(text)
            cb.toggled.connect(self._update_total)
            self.vetoes[key] = cb
            vl.addWidget(cb)
        self.opinion = QPlainTextEdit()
        self.opinion.setPlaceholderText(self.tr("内督人员意见或其他问题说明"))
        self.opinion.setAccessibleName(self.tr("内督人员意见"))
        self.total = QLabel("")
        self.save_button = QPushButton(self.tr("签字保存督导报告"))
        inner = QWidget()
        il = QVBoxLayout(inner)
        il.addLayout(form)
        il.addWidget(veto_box)
        il.addWidget(self.opinion)
        il.addWidget(self.total)
        il.addWidget(self.save_button)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        self.save_button.clicked.connect(self.save)
        self._update_total()

    def scores(self) -> dict[str, int]:
        return {k: int(box.currentData()) for k, box in self.choices.items()}

    def chosen_vetoes(self) -> list[str]:
        return [k for k, cb in self.vetoes.items() if cb.isChecked()]

    def _update_total(self, *_):
        self.total.setText(self.tr("总分：{0}").format(sv.total(self.scores(), set(self.chosen_vetoes()))))

    def save(self, password: str | None = None) -> None:
        plan = self.plan_no()
        if not plan:
            return
        if password is None:
            password, ok = QInputDialog.getText(self, self.tr("签字"), self.tr("签字确认：请再次输入您的密码"),
                                                QLineEdit.Password)
            if not ok or not password:
                return
        scores, vetoes, opinion = self.scores(), self.chosen_vetoes(), self.opinion.toPlainText()
        svc = TablesService(self.ctx)
        run_task(self, lambda: svc.save_supervision(plan, scores, vetoes, opinion, password),
                 self._done, lambda e: QMessageBox.warning(self, self.tr("未保存"), str(e)), changes={"results"})

    def _done(self, total: int) -> None:
        self.total.setText(self.tr("已签字保存，总分：{0}").format(total))
        self.saved.emit(total)
