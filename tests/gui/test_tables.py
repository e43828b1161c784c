"""The read-only lists refreshed every few seconds (the proctor's terminals, a station board):
``fill_table`` changes only the cells whose text changed, so a refresh repaints what changed."""

from PySide6.QtCore import Qt

from app.ui.common.tables import fill_table, list_table


def test_fill_table_keeps_unchanged_cells_and_changes_the_rest(qtbot):
    table = list_table(["终端", "进度"])
    qtbot.addWidget(table)
    fill_table(table, [["T001", "1/100"], ["T002", None]])
    kept, changed = table.item(0, 0), table.item(0, 1)
    kept.setData(Qt.UserRole, "kept")
    changed.setData(Qt.UserRole, "kept")
    fill_table(table, [["T001", "2/100"], ["T002", 7]])
    assert table.item(0, 0).data(Qt.UserRole) == "kept"          # same text: the very same cell
    assert table.item(0, 1).text() == "2/100"
    assert [table.item(1, c).text() for c in (0, 1)] == ["T002", "7"]
    fill_table(table, [["T003", ""]])
    assert table.rowCount() == 1 and table.item(0, 0).text() == "T003" and table.item(0, 1).text() == ""


def test_fill_table_tooltips_follow_the_text(qtbot):
    table = list_table(["说明"])
    qtbot.addWidget(table)
    fill_table(table, [["甲"]], tooltips=True)
    fill_table(table, [["乙"]], tooltips=True)
    assert table.item(0, 0).toolTip() == "乙"


def test_columns_fit_what_a_fill_changed_with_one_measure_not_one_per_cell(qtbot):
    """A header that fits itself (``ResizeToContents``) measures every row again for each changed
    cell; fill_table sets it to keep its widths and fits the columns once per fill."""
    from PySide6.QtWidgets import QHeaderView, QTableWidget

    table = QTableWidget(0, 3)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
    table.setHorizontalHeaderLabels(["终端", "考生", "进度"])
    qtbot.addWidget(table)
    rows = [[f"T{r:03d}", "张三", f"{r}/100"] for r in range(50)]
    fill_table(table, rows)
    assert table.horizontalHeader().sectionResizeMode(0) == QHeaderView.Interactive
    narrow = table.columnWidth(1)
    rows[7][1] = "欧阳娜娜（第二考场补考，座位 17）"
    fill_table(table, rows)
    metrics = table.fontMetrics()
    assert table.columnWidth(1) > narrow
    assert table.columnWidth(1) >= metrics.horizontalAdvance(rows[7][1])  # the longest text fits
    assert list_table(["甲"]).horizontalHeader().sectionResizeMode(0) == QHeaderView.Interactive
