"""The question bank workbook (题库导入模板): reading it all-or-nothing, writing the template."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from app.core.errors import CellError, ImportRejected
from app.core.exam.questions import (LABELS, QTYPE_BY_NAME, QTYPE_NAMES, TRUE_FALSE_TEXTS, Option, Question, QType,
                                     parse_answer, parse_points, question_problems)
from app.formats import limits, xlsx

SHEET = "试题"
HEADERS = ["试题编号", "题型", "题干", *[f"选项{c}" for c in LABELS], "答案", "分值", "难度", "鉴定点代码", "图片", "固定选项"]
REQUIRED = ["试题编号", "题型", "题干", "答案", "分值", "难度", "鉴定点代码"]
FIELD_COLUMN = {"code": "试题编号", "stem": "题干", "kp": "鉴定点代码", "difficulty": "难度", "options": "选项A",
                "answer": "答案"}
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")


DIFFICULTY_WORDS = {"容易": 1, "易": 1, "简单": 1, "较易": 2, "较容易": 2, "中等": 3, "中": 3, "一般": 3,
                    "较难": 4, "难": 5, "困难": 5, "很难": 5}


def _difficulty(value: Any) -> int:
    """1–5, or the words platforms use (容易/较易/中等/较难/难); 0 (refused by the rules) otherwise."""
    text = unicodedata.normalize("NFKC", _text(value)).replace(" ", "")
    if text.isascii() and text.isdigit():
        return int(text)
    return DIFFICULTY_WORDS.get(text, 0)


def _text(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return str(v).strip()


def read_bank(path: Path | str, image_dir: Path | str | None = None) -> tuple[list[Question], dict[str, bytes]]:
    """Every question of the workbook, or ``ImportRejected`` naming each faulty cell.
    Images named in the 图片 column are read from ``image_dir`` (default: an ``images``
    folder beside the workbook)."""
    path = Path(path)
    image_dir = Path(image_dir) if image_dir else path.parent / "images"
    sheets = xlsx.read_workbook(path)
    name = SHEET if SHEET in sheets else next(
        (n for n, rows in sheets.items() if rows and {"题型", "题干"} <= {_text(h) for h in rows[0]}), None)
    if name is None:
        found = "、".join(f"「{n}」" for n in sheets) or "（无）"
        raise ImportRejected([CellError(SHEET, 0, "", f"找不到工作表「{SHEET}」（请使用题库导入模板；找到的工作表：{found}）")])
    rows = sheets[name]
    if not rows:
        raise ImportRejected([CellError(SHEET, 1, "", "工作表为空")])
    header = [_text(h) for h in rows[0]]
    col = {h: i for i, h in enumerate(header) if h}
    missing = [h for h in REQUIRED if h not in col]
    if missing:
        raise ImportRejected([CellError(SHEET, 1, h, "缺少此列") for h in missing])
    errors: list[CellError] = []
    out: list[Question] = []
    images: dict[str, bytes] = {}
    seen: dict[str, int] = {}

    def cell(row, name):
        i = col.get(name)
        return row[i] if i is not None and i < len(row) else None

    for rno, row in enumerate(rows[1:], start=2):
        if all(v is None or _text(v) == "" for v in row):
            continue
        errs: list[CellError] = []

        def err(column, message):
            errs.append(CellError(SHEET, rno, column, message))

        code = _text(cell(row, "试题编号"))
        if code in seen:
            err("试题编号", f"试题编号「{code}」与第 {seen[code]} 行重复")
        elif code:
            seen[code] = rno
        qtype = QTYPE_BY_NAME.get(_text(cell(row, "题型")))
        if qtype is None:
            err("题型", f"题型「{_text(cell(row, '题型'))}」无法识别，应为 判断、单选 或 多选")
        stem = _text(cell(row, "题干"))
        texts = [_text(cell(row, f"选项{c}")) for c in LABELS]
        while texts and not texts[-1]:
            texts.pop()
        if qtype is QType.TRUE_FALSE and not texts:
            texts = list(TRUE_FALSE_TEXTS)
        fixed = _text(cell(row, "固定选项")).upper().replace(",", "").replace("，", "")
        if any(c not in LABELS[:len(texts)] for c in fixed):
            err("固定选项", f"固定选项「{fixed}」含有不存在的选项")
        options = tuple(Option(LABELS[i], t, LABELS[i] in fixed) for i, t in enumerate(texts))
        for i, t in enumerate(texts):
            if not t:
                err(f"选项{LABELS[i]}", "选项须从A起连续填写，中间不能有空选项")
        answer: frozenset[str] = frozenset()
        if qtype is not None:
            try:
                answer = parse_answer(qtype, _text(cell(row, "答案")), LABELS[:len(texts)])
            except ValueError as exc:
                err("答案", str(exc))
        try:
            points = parse_points(cell(row, "分值"))
        except ValueError as exc:
            err("分值", str(exc))
            points = None
        difficulty = _difficulty(cell(row, "难度"))
        image = _text(cell(row, "图片"))
        if image:
            p = image_dir / image
            if Path(image).name != image or p.suffix.lower() not in IMAGE_SUFFIXES:
                err("图片", f"图片「{image}」应为 images 文件夹中的 png/jpg/gif 文件名")
            elif not p.is_file():
                err("图片", f"找不到图片文件 images/{image}")
            elif p.stat().st_size > limits.current().image_bytes:
                err("图片", f"图片「{image}」超过 {limits.current().describe('image_bytes')}")
            else:
                data = p.read_bytes()
                problem = limits.image_problem(data)
                if problem:
                    err("图片", f"图片「{image}」：{problem}")
                else:
                    images[image] = data
        if qtype is not None and points is not None:
            q = Question(code, qtype, stem, options, answer or frozenset("?"), points, difficulty,
                         _text(cell(row, "鉴定点代码")), image)
            for field, message in question_problems(q):
                if field == "answer" and any(e.column == "答案" for e in errs):
                    continue
                if field == "options" and any(e.column.startswith("选项") for e in errs):
                    continue
                err(FIELD_COLUMN.get(field, ""), message)
            if not errs:
                out.append(q)
        errors += errs
        if len(errors) > 200:
            break
    if errors:
        raise ImportRejected(errors)
    if not out:
        raise ImportRejected([CellError(SHEET, 2, "", "没有任何试题")])
    return out, images


def write_bank(path: Path | str, questions: list[Question]) -> None:
    wb = Workbook()
    rows = []
    for q in questions:
        opts = [o.text for o in q.options] + [""] * (len(LABELS) - len(q.options))
        if q.qtype is QType.TRUE_FALSE:
            ans = TRUE_FALSE_TEXTS[0] if q.answer == frozenset("A") else TRUE_FALSE_TEXTS[1]
        else:
            ans = "".join(sorted(q.answer))
        rows.append([q.code, QTYPE_NAMES[q.qtype][:2], q.stem, *opts, ans, str(q.points), q.difficulty, q.kp_code,
                     q.image, "".join(o.label for o in q.options if o.fixed)])
    xlsx.write_sheet(wb, SHEET, HEADERS, rows, widths=[14, 8, 50] + [18] * 8 + [8, 6, 6, 14, 14, 10], first=True)
    notes = [
        "题库导入说明",
        "1. 每行一道试题；「试题编号」在同一职业（工种）等级的题库内唯一。",
        "2. 题型：判断、单选、多选。判断题可不填选项（默认 A 正确 / B 错误），答案写「正确」或「错误」。",
        "3. 选项从 A 起连续填写，最多 8 个（A～H）；单选至少 2 个，多选至少 3 个。",
        "4. 答案：单选写一个字母（如 C），多选写全部正确字母（如 ABD）。",
        "5. 分值为 0.5 的整数倍；实际卷面分值以组卷方案为准。",
        "6. 难度 1～5（1 最易，5 最难）；鉴定点代码如 A-01-003。",
        "7. 图片：填写与本文件同目录 images 文件夹中的文件名（png/jpg/gif，≤2 MB）。",
        "8. 固定选项：打乱选项顺序时保持原位的选项字母（如「以上都对」所在的 D），可不填。",
        "9. 导入为「全部成功或全部不导入」：任一单元格有误，将按行号和列名列出，不写入任何数据。",
        "10. 每个职业（工种）等级的题库不少于 600 题。",
    ]
    xlsx.write_sheet(wb, "说明", ["说明"], [[n] for n in notes], widths=[100])
    wb.save(path)


def sample_questions() -> list[Question]:
    from decimal import Decimal

    return [
        Question("DG4-0001", QType.TRUE_FALSE, "电气设备发生火灾时，应首先切断电源。", (Option("A", "正确"), Option("B", "错误")),
                 frozenset("A"), Decimal("0.5"), 1, "A-01-001"),
        Question("DG4-0002", QType.SINGLE, "我国工频交流电的频率为（  ）。",
                 (Option("A", "50 Hz"), Option("B", "60 Hz"), Option("C", "100 Hz"), Option("D", "以上都不对", True)),
                 frozenset("A"), Decimal(1), 2, "A-02-004"),
        Question("DG4-0003", QType.MULTIPLE, "下列属于安全用具的有（  ）。",
                 (Option("A", "绝缘手套"), Option("B", "验电器"), Option("C", "接地线"), Option("D", "电烙铁")),
                 frozenset("ABC"), Decimal(2), 3, "B-01-002"),
    ]
