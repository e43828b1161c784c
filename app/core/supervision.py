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


# -- 外督情况登记表 (Nanxun 附件3, [003 L402–687]) -----------------------------------------------------
# "技能人才评价专家资格认定外督情况登记表（试行）"; its criteria are generic (rules-digest §9.1).
EXTERNAL_FORM: tuple[Line, ...] = (
    Line("x_plan_scope", "计划执行（5分）", "资格认定范围与时间", "职业（工种）与等级、时间与工作方案、公告一致（3分）；不一致（0分）", 3, (3, 0)),
    Line("x_plan_place", "计划执行（5分）", "认定地点", "地点与核定公布信息一致（2分）；不完全一致（0分）", 2, (2, 0)),
    Line("x_manual", "前期准备（20分）", "考务手册", "1.确定考试人数、对象、考核方式；2.明确考试时间；3.明确考务人员安排；4.明确考务人员工作流程、职责；5.明确考场规则与相关制度、应急预案等（各2分）", 10, _sums(2, 2, 2, 2, 2)),
    Line("x_papers", "前期准备（20分）", "试卷管理", "纸笔：专人保存（3分）、双人双锁（2分）、专人传送且2人及以上在场（3分）、交接签字（2分）；机考：设备网络符合保密安全要求（5分）、试题传输保存由专人操作且2人及以上在场（5分）", 10, tuple(sorted(set(_sums(3, 2, 3, 2)) | set(_sums(5, 5)), reverse=True))),
    Line("x_layout", "考场与设备（30分）", "考场布置", "导向标识、功能区域、考场规则、考生名单、警示语及考试信息、物品存放（各2分，部分1分）", 12, tuple(range(12, -1, -1))),
    Line("x_theory_room", "考场与设备（30分）", "场地设备（理论考场）", "教室、机位规格与安全、间隔、数量（3分）", 3, (3, 0)),
    Line("x_skill_room", "考场与设备（30分）", "场地设备（专业技能考场）", "场地、工位规格与安全、间隔、数量（3分）", 3, (3, 0)),
    Line("x_cameras", "考场与设备（30分）", "监控设备", "1.前后及重点区域监控全覆盖（3分）；2.专人负责监控大屏（3分）；3.全程视频监控并录制、影像清晰（6分，部分欠清晰3分）", 12, tuple(sorted(set(_sums(3, 3, 6)) | set(_sums(3, 3, 3)), reverse=True))),
    Line("x_staff", "资格认定管理（40分）", "考务人员安排", "现场工作人员、监考人员数量符合要求，持证上岗，职责履行到位（7分）", 7, (7, 0)),
    Line("x_graders", "资格认定管理（40分）", "考评人员安排", "1.至少3人，回避制、轮换制、考评组长负责制（4分）；2.持证上岗（2分）；3.公正执评（3分）；4.评分记录清晰、签字，未签字或加盖私章（0分）（3分）", 12, _sums(4, 2, 3, 3)),
    Line("x_supervisors", "资格认定管理（40分）", "内督人员安排", "内督人员数量符合要求（至少2人），持证上岗，履行职责到位（6分）", 6, (6, 0)),
    Line("x_order", "资格认定管理（40分）", "考场秩序", "秩序正常或个别违纪按规定及时处理并完整记录（15分）；经督导提醒后处理（8分）；处理记录不够完整（4分）；未当场发现、未及时处理或记录严重缺失（0分）", 15, (15, 8, 4, 0)),
    Line("x_complaints", "诉求反馈（5分）", "投诉处理", "无投诉（5分）；处理及时未造成后续影响（2分）；未处理造成后续影响（0分）", 5, (5, 2, 0)),
)
EXTERNAL_VETOES: tuple[tuple[str, str], ...] = (
    ("leak", "试卷在资格认定前泄题"),
    ("disorder", "考场秩序混乱，出现大范围违纪违规行为，或资格认定管理人员协助、纵容考生舞弊"),
    ("accident", "考试现场出现安全事故，或出现事故后，第一责任人未及时到场处理"),
)
EXTERNAL_VETO_NOTE = "发生任何一项当次外督得分为0分"

assert sum(line.max_points for line in EXTERNAL_FORM) == 100


def external_score_problems(scores: dict[str, int]) -> list[str]:
    out = []
    for line in EXTERNAL_FORM:
        if line.key not in scores:
            out.append(f"「{line.item}」未评分")
        elif scores[line.key] not in line.allowed:
            out.append(f"「{line.item}」得分 {scores[line.key]} 不符合评估标准")
    unknown = set(scores) - {line.key for line in EXTERNAL_FORM}
    if unknown:
        out.append(f"未知评分项：{'、'.join(sorted(unknown))}")
    return out


def external_total(scores: dict[str, int], vetoes) -> int:
    return 0 if vetoes else sum(int(scores.get(line.key, 0)) for line in EXTERNAL_FORM)
