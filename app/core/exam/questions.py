"""A question of the bank (题库试题): 判断, 单选, 多选.

Points are ``Decimal`` so that 0.5-point questions add up exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from enum import StrEnum

LABELS = "ABCDEFGH"
MAX_OPTIONS = len(LABELS)


class QType(StrEnum):
    TRUE_FALSE = "true_false"
    SINGLE = "single"
    MULTIPLE = "multiple"


QTYPE_NAMES = {QType.TRUE_FALSE: "判断题", QType.SINGLE: "单选题", QType.MULTIPLE: "多选题"}
QTYPE_BY_NAME = {"判断": QType.TRUE_FALSE, "判断题": QType.TRUE_FALSE, "true_false": QType.TRUE_FALSE,
                 "单选": QType.SINGLE, "单选题": QType.SINGLE, "单项选择题": QType.SINGLE, "single": QType.SINGLE,
                 "多选": QType.MULTIPLE, "多选题": QType.MULTIPLE, "多项选择题": QType.MULTIPLE,
                 "multiple": QType.MULTIPLE}
TRUE_FALSE_TEXTS = ("正确", "错误")
TRUE_WORDS = {"正确", "对", "√", "T", "TRUE", "A", "Y"}
FALSE_WORDS = {"错误", "错", "×", "F", "FALSE", "B", "N"}


@dataclass(frozen=True)
class Option:
    label: str  # the label in the bank (A..H); shown labels are re-lettered after shuffling
    text: str
    fixed: bool = False  # QTI simpleChoice@fixed: stays in place when options are shuffled


@dataclass(frozen=True)
class Question:
    code: str  # 试题编号, unique within a bank
    qtype: QType
    stem: str
    options: tuple[Option, ...]
    answer: frozenset[str]  # bank labels of the correct options
    points: Decimal
    difficulty: int  # 1 (易) .. 5 (难)
    kp_code: str  # 鉴定点代码
    image: str = ""  # name of an image stored with the bank, "" when none
    meta: dict = field(default_factory=dict, compare=False, hash=False)

    def to_dict(self) -> dict:
        return {"code": self.code, "qtype": self.qtype.value, "stem": self.stem,
                "options": [[o.label, o.text, o.fixed] for o in self.options],
                "answer": "".join(sorted(self.answer)), "points": str(self.points),
                "difficulty": self.difficulty, "kp": self.kp_code, "image": self.image}

    @classmethod
    def from_dict(cls, d: dict) -> "Question":
        return cls(d["code"], QType(d["qtype"]), d["stem"],
                   tuple(Option(lbl, text, bool(fx)) for lbl, text, fx in d["options"]),
                   frozenset(d["answer"]), Decimal(d["points"]), int(d["difficulty"]), d["kp"],
                   d.get("image", ""))


def parse_points(value) -> Decimal:
    try:
        points = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValueError("分值必须是数字") from None
    if not points.is_finite() or points <= 0 or points > 100:
        raise ValueError("分值必须大于0且不超过100")
    if points * 2 != (points * 2).to_integral_value():
        raise ValueError("分值须为0.5的整数倍")
    return points.normalize() if points == points.to_integral_value() else points


def parse_answer(qtype: QType, raw: str, labels: str) -> frozenset[str]:
    text = str(raw).strip().upper().replace(",", "").replace("，", "").replace(" ", "").replace("、", "")
    if qtype is QType.TRUE_FALSE:
        if text in TRUE_WORDS:
            return frozenset("A")
        if text in FALSE_WORDS:
            return frozenset("B")
        raise ValueError("判断题答案应为「正确」或「错误」（也可写 对/错、√/×）")
    if not text:
        raise ValueError("答案不能为空")
    bad = [c for c in text if c not in labels]
    if bad:
        raise ValueError(f"答案「{raw}」含有不存在的选项 {''.join(bad)}（本题选项为 {labels}）")
    chosen = frozenset(text)
    if len(chosen) != len(text):
        raise ValueError(f"答案「{raw}」有重复的选项")
    if qtype is QType.SINGLE and len(chosen) != 1:
        raise ValueError("单选题只能有一个正确答案")
    if qtype is QType.MULTIPLE and len(chosen) < 2:
        raise ValueError("多选题至少有两个正确答案")
    return chosen


def question_problems(q: Question) -> list[tuple[str, str]]:
    """(field, message) for every fault of a question."""
    out: list[tuple[str, str]] = []
    if not q.code.strip():
        out.append(("code", "试题编号不能为空"))
    if not q.stem.strip():
        out.append(("stem", "题干不能为空"))
    if not q.kp_code.strip():
        out.append(("kp", "鉴定点代码不能为空"))
    if not 1 <= q.difficulty <= 5:
        out.append(("difficulty", "难度应为1～5的整数"))
    n = len(q.options)
    if q.qtype is QType.TRUE_FALSE and n != 2:
        out.append(("options", "判断题应恰有两个选项（正确/错误）"))
    if q.qtype is QType.SINGLE and not 2 <= n <= MAX_OPTIONS:
        out.append(("options", "单选题应有2～8个选项"))
    if q.qtype is QType.MULTIPLE and not 3 <= n <= MAX_OPTIONS:
        out.append(("options", "多选题应有3～8个选项"))
    texts = [o.text.strip() for o in q.options]
    if any(not t for t in texts):
        out.append(("options", "选项内容不能为空（选项须从A起连续填写）"))
    elif len(set(texts)) != len(texts):
        out.append(("options", "选项内容有重复"))
    if not q.answer or not q.answer <= {o.label for o in q.options}:
        out.append(("answer", "答案与选项不符"))
    return out
