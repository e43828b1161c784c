"""One error text for every workplace (issue 15): a refusal reads as its own one line, anything
else as one Chinese line naming the kind of error, never a traceback; there is one helper."""

from pathlib import Path

from app.core.errors import Conflict
from app.ui.common.widgets import error_text

ROOT = Path(__file__).resolve().parents[2]


def test_one_error_text_for_every_workplace():
    assert error_text(Conflict("成绩已签字确认，不能再修改")) == "成绩已签字确认，不能再修改"
    try:
        {}["x"]
    except KeyError as exc:
        text = error_text(exc)
    assert text == "发生意外错误：KeyError"
    helpers = [p.relative_to(ROOT).as_posix() for p in (ROOT / "app" / "ui").rglob("*.py")
               if "def error_text(" in p.read_text(encoding="utf-8")]
    assert helpers == ["app/ui/common/widgets.py"]
