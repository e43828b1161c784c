"""违纪指引 (人社职司便函〔2021〕57号) — the candidate articles as data, and the penalty each one carries.

第五条 (tier A): that subject's score void; items (一)–(三) only after a refused warning (经提醒拒不改正).
第六条 (tier B): all subjects void, barred for the rest of the calendar year (当年不得参加评价).
第七条 (tier C): all subjects void, barred 2 years (情节轻微) or 5 years (情节严重), referred on.
第八条: discovered after the exam: handled per 五–七, issued certificates declared void, data corrected.
Procedure 第十六–二十条: ≥2 staff signatures + 考场负责人 confirmation; notice of facts,
reasons and article before the decision (第十七条); written decision; appeal (复核, 第十九条);
a kept register (第二十条).
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

ARTICLE_NAMES = {5: "第五条", 6: "第六条", 7: "第七条"}
ITEM_NAMES = {1: "（一）", 2: "（二）", 3: "（三）", 4: "（四）", 5: "（五）", 6: "（六）", 7: "（七）"}
SOURCE = "《技能人才评价工作违纪违规行为处理指引》（人社职司便函〔2021〕57号）"


@dataclass(frozen=True)
class Item:
    article: int
    item: int
    text: str
    tier: str  # A / B / C
    needs_warning: bool = False

    @property
    def ref(self) -> str:
        return f"{ARTICLE_NAMES[self.article]}{ITEM_NAMES[self.item]}"


_A, _B, _C = "A", "B", "C"

ITEMS: tuple[Item, ...] = (
    Item(5, 1, "携带禁携物品（包括与评价内容相关的书籍、资料、电子产品、通讯设备以及规定以外的工具等）进入座位（或考位）"
               "或未将禁携物品放在指定位置，经提醒拒不改正的", _A, True),
    Item(5, 2, "未在规定的座位（或考位）参加评价，或未经工作人员允许擅自离开座位（或考位），经提醒拒不改正的", _A, True),
    Item(5, 3, "在考场（或考区）禁止的范围内，喧哗、吸烟或实施其他影响考场秩序的行为，经提醒拒不改正的", _A, True),
    Item(5, 4, "其他违反考场规则但尚未构成作弊的行为", _A),
    Item(6, 1, "在评价过程中使用规定以外的带拍照、存储、传输或通讯功能的电子设备（如相机、手机、耳机、U盘、手提电脑、"
               "智能手表、智能手环等）或其他电子用品的", _B),
    Item(6, 2, "抄袭或协助他人抄袭试题答案或与评价内容相关资料等的", _B),
    Item(6, 3, "故意损毁试卷、工件或考试材料的", _B),
    Item(6, 4, "擅自将试题、答卷或者有关内容带出考场的", _B),
    Item(6, 5, "存在其他作弊但对其他应试人员未造成严重干扰的行为", _B),
    Item(7, 1, "通过虚假承诺、提供虚假材料以及其他非正当手段取得参加评价资格的", _C),
    Item(7, 2, "评价前以非正当手段获得试题或答案或进行传播的", _C),
    Item(7, 3, "抢夺、窃取他人试卷或胁迫他人配合作弊、偷换工量器具或工件等的", _C),
    Item(7, 4, "由他人冒名顶替参加评价或替他人参加评价的", _C),
    Item(7, 5, "串通作弊或参与有组织作弊的", _C),
    Item(7, 6, "故意损毁评价设备（含视频监控系统）、材料，造成设备事故、人身伤害或设备主要零部件损坏的", _C),
    Item(7, 7, "其他影响恶劣或严重扰乱评价管理秩序的行为", _C),
)

PENALTY_TEXT = {
    _A: "取消其当次该科目的评价成绩",
    _B: "取消其当次全部科目评价成绩，且当年不得参加评价",
    _C: "取消其当次全部科目评价成绩。情节轻微的，2年内不得参加评价；情节严重的，5年内不得参加评价，并依据有关法律法规移送有关部门",
}
SEVERITIES = {"minor": "情节轻微", "serious": "情节严重"}


class MisconductError(ValueError):
    pass


def item(article: int, number: int) -> Item:
    for it in ITEMS:
        if it.article == article and it.item == number:
            return it
    raise MisconductError(f"违纪指引没有{ARTICLE_NAMES.get(article, f'第{article}条')}{ITEM_NAMES.get(number, f'（{number}）')}")


@dataclass(frozen=True)
class Penalty:
    tier: str
    void_subjects: frozenset[str]  # which subjects of this sitting lose their score
    ban_from: _dt.date | None
    ban_until: _dt.date | None  # inclusive last day barred
    text: str
    referral: bool = False

    @property
    def all_void(self) -> bool:
        return self.tier in (_B, _C)


def _add_years(day: _dt.date, years: int) -> _dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 Feb
        return day.replace(year=day.year + years, day=28)


def penalty(article: int, number: int, *, subject: str, subjects: tuple[str, ...], on: _dt.date,
            warning_refused: bool = False, severity: str | None = None) -> Penalty:
    """The penalty the article carries for a finding made about the sitting on ``on``.

    ``subject``: the subject in progress; ``subjects``: every subject of this sitting.
    """
    it = item(article, number)
    if subject not in subjects:
        raise MisconductError("违纪发生的科目不在本次认定科目中")
    if it.needs_warning and not warning_refused:
        raise MisconductError(f"{it.ref}须先经工作人员提醒、且考生拒不改正，方可认定（请先记录提醒）")
    if it.tier == _A:
        return Penalty(_A, frozenset({subject}), None, None, PENALTY_TEXT[_A])
    if it.tier == _B:
        return Penalty(_B, frozenset(subjects), on, _dt.date(on.year, 12, 31), PENALTY_TEXT[_B])
    if severity not in SEVERITIES:
        raise MisconductError("第七条须认定情节轻微（2年）或情节严重（5年）")
    years = 2 if severity == "minor" else 5
    until = _add_years(on, years) - _dt.timedelta(days=1)
    text = f"取消其当次全部科目评价成绩，{SEVERITIES[severity]}，{years}年内不得参加评价" + \
        ("，并依据有关法律法规移送有关部门" if severity == "serious" else "")
    return Penalty(_C, frozenset(subjects), on, until, text, referral=severity == "serious")


# Why a signature on a finding is refused: a code (data: a station hears it, tests decide on it)
# with one line for people.  The master's screens and the room consoles apply the same rules.
NOT_A_SIGNER = "not_a_signer"            # an external supervisor does not sign findings
ROOM_HEAD_WITNESS = "room_head_witness"  # 第十六条: the room head confirms, never witnesses
SIGNED_TWICE = "signed_twice"            # the same person twice: two *different* staff
CLOSED = "closed"                        # confirmed already: no more witnesses
NOT_ROOM_HEAD = "not_room_head"          # only a 考场负责人 confirms
CONFIRMER_WITNESS = "confirmer_witness"  # the confirmer signed as a witness
TOO_FEW_WITNESSES = "too_few_witnesses"  # fewer than 2 witnesses
ALREADY_CONFIRMED = "already_confirmed"  # confirmed before (e.g. on another console)
NOT_SIGNED = "not_signed"                # not at the stage where it can be confirmed

_CONFIRMED_OR_LATER = ("confirmed", "notified", "decided", "appealed", "reviewed", "withdrawn")


@dataclass(frozen=True)
class SignatureRefusal:
    code: str
    message: str


def witness_refusal(*, name: str, username: str, roles, batch_roles, witnesses, status: str) -> SignatureRefusal | None:
    """第十六条 "经2名（含）以上工作人员签字": may this person sign the finding as a witness now?
    ``roles``: the account's roles; ``batch_roles``: their roles in the finding's batch;
    ``witnesses``: usernames that signed already; ``status``: the finding's."""
    if list(roles) == ["external_supervisor"]:
        return SignatureRefusal(NOT_A_SIGNER, "外部督导员不作为违纪认定的签字人")
    if status not in ("draft", "signed"):
        return SignatureRefusal(CLOSED, "该记录已确认，不能再增加签字")
    if "room_head" in set(batch_roles):
        return SignatureRefusal(ROOM_HEAD_WITNESS,
                                f"「{name}」是本批次的考场负责人，只能确认，不能作为签字的工作人员（第十六条）")
    if username in set(witnesses):
        return SignatureRefusal(SIGNED_TWICE, f"「{name}」已签字；须由另一名工作人员签字")
    return None


def confirm_refusal(*, name: str, username: str, roles, witnesses, status: str) -> SignatureRefusal | None:
    """第十六条 "报考场负责人确认": may this person confirm the finding now?  Never one of its witnesses."""
    if "room_head" not in set(roles):
        return SignatureRefusal(NOT_ROOM_HEAD, f"「{name}」没有签署此项所需的角色")
    if status in _CONFIRMED_OR_LATER:
        return SignatureRefusal(ALREADY_CONFIRMED, f"该记录已由考场负责人确认（{STATUS_NAMES[status]}），不能再次确认")
    witnesses = list(witnesses)
    if username in witnesses:
        return SignatureRefusal(CONFIRMER_WITNESS, f"「{name}」已作为工作人员签字，不能再以考场负责人身份确认（第十六条）")
    problem = signature_problem(witnesses, True)
    if problem:
        return SignatureRefusal(TOO_FEW_WITNESSES, problem)
    if status != "signed":
        return SignatureRefusal(NOT_SIGNED, f"该记录状态为「{STATUS_NAMES.get(status, status)}」，不能确认")
    return None


def signature_problem(signers: list[str], room_head_confirmed: bool) -> str | None:
    """第十六条: ≥2 different staff sign, then the 考场负责人 confirms."""
    if len(set(signers)) < 2:
        return "须经2名（含）以上工作人员签字（第十六条）"
    if not room_head_confirmed:
        return "须报考场负责人确认（第十六条）"
    return None


STATUS_NAMES = {
    "draft": "待签字",
    "signed": "待考场负责人确认",
    "confirmed": "已确认（待告知）",
    "notified": "已告知（待决定）",
    "decided": "已作出处理决定",
    "appealed": "复核中",
    "reviewed": "已复核",
    "withdrawn": "已撤销",
}
