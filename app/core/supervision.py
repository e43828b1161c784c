"""The internal supervision report (内部督导情况报告, Nanxun 附件2): a 100-point form with veto items.

[rules-digest §9.1, 003 L216–398].  Each line is (指标, 分项, criteria, allowed scores).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Line:
    key: str
    core: str  # 核心指标
    item: str  # 分项指标
    criteria: str
    max_points: int
    allowed: tuple[int, ...]  # the scores the criteria allow


def _sums(*parts: int) -> tuple[int, ...]:
    """Scores a checklist line allows: any subset of its points."""
    out = {0}
    for p in parts:
        out |= {x + p for x in out}
    return tuple(sorted(out, reverse=True))


FORM: tuple[Line, ...] = (
    Line("plan_scope", "计划执行（5分）", "认定范围、时间", "认定职业（工种）等级、时间与工作方案、公告一致（3分）；不一致（0分）", 3, (3, 0)),
    Line("plan_place", "计划执行（5分）", "认定地点", "认定地点与核定公布信息一致（2分）；不完全一致（0分）", 2, (2, 0)),
    Line("qual_candidates", "资格审核（10分）", "考生资格", "考生资格符合国家职业技能标准（评价规范）（5分）；认定过程中发现考生资格不符合（0分）", 5, (5, 0)),
    Line("qual_publicity", "资格审核（10分）", "资格公示", "通过审核的考生名单已经过公示（5分）；未经过公示（0分）", 5, (5, 0)),
    Line("secrecy_mode", "试题保密（15分）", "理论考核方式", "按规定考核方案采用机考（7分）；采用纸笔作答（5分）；未按规定考核方案，随意变更考核方式（0分）", 7, (7, 5, 0)),
    Line("secrecy_paper", "试题保密（15分）", "制卷、传送", "1.在专用保密室完成制卷、封装（2分）；2.保密室出入执行双人双锁（2分）；3.试卷传送同时2人以上在场（2分）；4.试卷交接执行签字手续（2分）", 8, _sums(2, 2, 2, 2)),
    Line("org_rooms", "考务组织（50分）", "教室、工位安排", "根据实际认定人数符合规格与安全要求，间隔合理，数量充足（5分）；间隔与数量稍欠缺（3分）", 5, (5, 3, 0)),
    Line("org_layout", "考务组织（50分）", "考场布置", "1.考场内张贴考场规则（2分）；2.张贴考生名单（2分）；3.黑板书写警示语及考试科目信息（2分）；4.有清晰的导向或指示标识（2分）；5.有指定存放物品的场地（2分）", 10, _sums(2, 2, 2, 2, 2)),
    Line("org_video", "考务组织（50分）", "视频监控", "全程视频监控，影像清晰，考试过程可追溯（10分）；监控覆盖不全，或影像欠清晰（5分）；无视频监控（0分）", 10, (10, 5, 0)),
    Line("org_staff", "考务组织（50分）", "考务人员安排", "现场工作人员、监考人员安排到位，数量充足，岗位职责执行到位（5分）；稍欠缺，基本到位（3分）；不到位（0分）", 5, (5, 3, 0)),
    Line("org_graders", "考务组织（50分）", "考评人员安排", "1.派遣数量符合认定人数要求（2分）；2.派遣遵循回避制、轮换制、考评组长负责制（2分）；3.工作行为良好，公正执评（3分）；4.评分记录清晰，履行签字手续（3分）", 10, _sums(2, 2, 3, 3)),
    Line("org_order", "考务组织（50分）", "考场秩序", "秩序良好，未出现违纪违规行为，或出现违纪违规行为并按规定处理（10分）；出现违纪违规行为，但未发现或发现未进行处理（0分）", 10, (10, 0)),
    Line("score_entry", "成绩公示（15分）", "成绩录入", "1.成绩录入实行双人复核（3分）；2.按规定在一体化平台内上传成绩汇总表（3分）；3.不随意对外透露成绩信息（2分）；4.涉及成绩信息的试卷、表单等做好保存（2分）", 10, _sums(3, 3, 2, 2)),
    Line("score_publicity", "成绩公示（15分）", "结果公示", "按规定时间公示，公示信息脱敏（5分）；按规定时间公示，公示信息未脱敏（3分）；未按规定时间公示（0分）", 5, (5, 3, 0)),
    Line("complaints", "诉求反馈（5分）", "投诉处理", "当次考试无投诉（5分）；出现投诉，处理及时，未造成后续影响（3分）；出现投诉，未处理造成后续影响（0分）", 5, (5, 3, 0)),
)

VETOES: tuple[tuple[str, str], ...] = (
    ("leak", "认定试卷在考前泄题"),
    ("rooms", "考场安排、工位数量无法满足实际考核，不符合认定规格与安全要求"),
    ("disorder", "考场秩序混乱，出现大范围违纪违规行为，或评价机构协助、纵容考生舞弊"),
)
VETO_NOTE = "触犯任何一项即本次内督得分为0，且暂停本次认定"

assert sum(line.max_points for line in FORM) == 100


def score_problems(scores: dict[str, int]) -> list[str]:
    out = []
    for line in FORM:
        if line.key not in scores:
            out.append(f"「{line.item}」未评分")
        elif scores[line.key] not in line.allowed:
            out.append(f"「{line.item}」得分 {scores[line.key]} 不符合评估标准（可选：{'、'.join(map(str, line.allowed))}）")
    unknown = set(scores) - {line.key for line in FORM}
    if unknown:
        out.append(f"未知评分项：{'、'.join(sorted(unknown))}")
    return out


def total(scores: dict[str, int], vetoes: set[str] | frozenset[str]) -> int:
    """0 when any veto item applies; else the sum."""
    if vetoes:
        return 0
    return sum(int(scores.get(line.key, 0)) for line in FORM)
