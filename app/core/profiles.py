"""Province profiles: where the seed documents of different provinces differ, the site's
profile decides.  Chosen at ``examsite init --profile``, stored with the site (the
``profile`` setting, journaled), shown in 站点管理 and carried into the export bundle.

Code reads a profile's fields, never a province's name.  Only what the seeds say is
here; every field names its line in the seed (rules-digest.md uses the same refs):

- 公示 minimum: Nanxun "成绩须公示5个工作日" [003 L49]; Hunan "公示期不少于7个工作日"
  [000 L97, L690]; the Henan seeds set no period (rules-digest §4.4), so Henan takes the
  national default, which is the stricter of the two (7).
- Who numbers certificates: nationally positions 14–22 "由评价机构赋码" [002 L2506];
  Henan the same [002 L4176]; Nanxun "公示结束后，人力社保部门完成证书赋码" [003 L49]
  (the site imports the numbers instead of allocating them).
- 综合评审: Henan "技师以上级别可增加综合评审环节" [002 L4065] (optional for levels 1–2);
  Hunan "综合评审主要针对技师和高级技师" [000 L668].  Where required, results and numbering wait for it
  (``review_applies``; app.services.gates); where optional, the institution adds it to a batch.
- Retention floors: video "保留一年以上" [002 L3820]; answers "保存三年以上" [002 L3856];
  grader-signed scoring records "保存三年以上", work pieces/photos "一年以上" [002 L3858];
  Hunan "纸质材料保管不少于3年，电子材料不少于5年" [000 L97, L690].  The strictest
  applicable floor wins (``retention_floor``).
- 内督 per 工种: Nanxun "每项认定的工种最少需配有考评人员3名、内部质量督导员2名" [003 L41],
  "内督人员数量符合要求（至少2人）" [003 L631].
- Rotation: Nanxun "派遣遵循回避制、轮换制、考评组长负责制" [003 L326].  Enforced when the 考评组 is
  formed (app.core.graders, app.services.scoring.setup).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# Retention classes: what the site keeps, and which classes an artefact belongs to.
VIDEO = "video"                  # 全过程视频资料
ANSWERS = "answers"              # 考生答题信息
SCORING = "scoring"              # 考评人员签字的评分材料或评分信息
WORKPIECES = "workpieces"        # 考件实物、图片
PAPER = "paper"                  # 纸质材料
ELECTRONIC = "electronic"        # 电子材料 (everything the site stores electronically)

RETENTION_CLASS_NAMES = {
    VIDEO: "全过程视频资料", ANSWERS: "考生答题信息", SCORING: "评分材料或评分信息",
    WORKPIECES: "考件实物、图片", PAPER: "纸质材料", ELECTRONIC: "电子材料",
}


@dataclass(frozen=True)
class Floor:
    cls: str
    years: int
    ref: str  # the seed line that sets it


@dataclass(frozen=True)
class Profile:
    key: str
    name: str
    publication_min_workdays: int
    publication_ref: str
    hrss_assigns_numbers: bool
    numbering_ref: str
    review_levels: tuple[int, ...]      # levels where 综合评审 applies
    review_required: bool               # False: the institution may add it (可增加)
    review_ref: str
    retention: tuple[Floor, ...]
    min_internal_supervisors_per_work_type: int  # 0: no count rule in this profile's seeds
    supervisors_ref: str
    rotation_required: bool
    rotation_ref: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["retention"] = [asdict(f) for f in self.retention]
        d["review_levels"] = list(self.review_levels)
        d["notes"] = list(self.notes)
        return d

    def retention_years(self, cls: str) -> tuple[int, str]:
        """The floor for one class and the rule that sets it (0, "") when none."""
        best = (0, "")
        for f in self.retention:
            if f.cls == cls and f.years > best[0]:
                best = (f.years, f.ref)
        return best

    def summary(self) -> str:
        """One line for 站点管理 and the bundle."""
        numbers = "人社部门赋码（站点导入）" if self.hrss_assigns_numbers else "评价机构赋码"
        sup = (f"；内督每工种至少{self.min_internal_supervisors_per_work_type}人"
               if self.min_internal_supervisors_per_work_type else "")
        return f"{self.name}：公示不少于{self.publication_min_workdays}个工作日；证书编号{numbers}{sup}"


_NATIONAL_FLOORS = (
    Floor(VIDEO, 1, "002 L3820"),
    Floor(ANSWERS, 3, "002 L3856"),
    Floor(SCORING, 3, "002 L3858"),
    Floor(WORKPIECES, 1, "002 L3858"),
)
_HUNAN_FLOORS = (Floor(PAPER, 3, "000 L97"), Floor(ELECTRONIC, 5, "000 L97"))

HUNAN = Profile(
    key="hunan", name="湖南省",
    publication_min_workdays=7, publication_ref="000 L97, L690",
    hrss_assigns_numbers=False, numbering_ref="002 L2506",
    review_levels=(1, 2), review_required=True, review_ref="000 L668",
    retention=_NATIONAL_FLOORS + _HUNAN_FLOORS,
    min_internal_supervisors_per_work_type=0, supervisors_ref="",
    rotation_required=False, rotation_ref="",
)
HENAN = Profile(
    key="henan", name="河南省",
    publication_min_workdays=7, publication_ref="rules-digest §4.4: 河南无公示期规定，取全国默认（较严者）",
    hrss_assigns_numbers=False, numbering_ref="002 L4176",
    review_levels=(1, 2), review_required=False, review_ref="002 L4065",
    retention=_NATIONAL_FLOORS,
    min_internal_supervisors_per_work_type=0, supervisors_ref="",
    rotation_required=False, rotation_ref="",
    notes=("技工院校认定本校学生：证书编码第10位为9（豫职鉴〔2021〕1号，002 L4537）",),
)
NANXUN = Profile(
    key="nanxun", name="浙江省湖州市南浔区",
    publication_min_workdays=5, publication_ref="003 L49",
    hrss_assigns_numbers=True, numbering_ref="003 L49",
    review_levels=(1, 2), review_required=False, review_ref="003 L108–111",
    retention=_NATIONAL_FLOORS,
    min_internal_supervisors_per_work_type=2, supervisors_ref="003 L41, L631",
    rotation_required=True, rotation_ref="003 L326",
)
NATIONAL = Profile(
    key="national", name="全国默认",
    publication_min_workdays=max(HUNAN.publication_min_workdays, NANXUN.publication_min_workdays),
    publication_ref="较严者：000 L97（7个工作日）与 003 L49（5个工作日）",
    hrss_assigns_numbers=False, numbering_ref="002 L2506",
    review_levels=(1, 2), review_required=False, review_ref="002 L4065; 000 L668",
    retention=_NATIONAL_FLOORS + _HUNAN_FLOORS,
    min_internal_supervisors_per_work_type=0, supervisors_ref="",
    rotation_required=False, rotation_ref="",
)

PROFILES: dict[str, Profile] = {p.key: p for p in (NATIONAL, HUNAN, HENAN, NANXUN)}
DEFAULT = NATIONAL.key


class ProfileError(ValueError):
    pass


def get(key: str | None) -> Profile:
    """The profile of that key; the national default for a site made before profiles existed."""
    if key is None:
        return NATIONAL
    try:
        return PROFILES[key]
    except KeyError:
        raise ProfileError(f"未知的省份规则「{key}」（可选：{'、'.join(PROFILES)}）") from None


def retention_floor(profile: Profile, classes: tuple[str, ...] | list[str]) -> tuple[int, str]:
    """The strictest floor among the classes an artefact belongs to: (years, ref)."""
    best = (0, "")
    for cls in classes:
        years, ref = profile.retention_years(cls)
        if years > best[0]:
            best = (years, ref)
    return best


def review_applies(profile: Profile, level: int, added: bool = False) -> bool:
    """Does a batch of ``level`` have a 综合评审?  Only for the profile's levels (技师、高级技师); there
    required by the profile (Hunan "综合评审主要针对技师和高级技师" [000 L668]) or added by the institution
    (Henan "技师以上级别可增加综合评审环节" [002 L4065])."""
    return level in profile.review_levels and (profile.review_required or added)


def publication_period_problem(profile: Profile, workdays: int) -> str | None:
    """公示 shorter than the profile's minimum is refused."""
    if workdays < profile.publication_min_workdays:
        return (f"公示期不得少于{profile.publication_min_workdays}个工作日"
                f"（{profile.name}，{profile.publication_ref}）")
    return None


def add_years(day, years: int):
    """The same calendar day ``years`` later (29 Feb → 28 Feb)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


# What the site keeps, per batch, and the retention classes each belongs to (an electronic copy is
# always also 电子材料): the register and the purge both read this.
KEPT = (
    ("video", "考场视频录像", (VIDEO, ELECTRONIC)),
    ("answers", "理论考试答题记录", (ANSWERS, ELECTRONIC)),
    ("scoring", "实操评分记录（考评员签字）", (SCORING, ELECTRONIC)),
    ("workpieces", "考件照片", (WORKPIECES, ELECTRONIC)),
    ("records", "成绩、违纪、督导、证书等电子材料与操作日志", (ELECTRONIC,)),
)
