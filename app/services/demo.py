"""The demo site: 电工 四级, about forty made-up candidates, one account per role.

It goes through the same doors a real site does: the roster is written as an
.xlsx with a photo folder and imported by ``RosterService``.
"""

from __future__ import annotations

import datetime as _dt
import random
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np

from app.core import profiles
from app.core.idcard import synthetic_id_number
from app.core.sitetime import site_date
from app.core.site import Institution
from app.formats.roster_template import write_roster
from app.services.roster import RosterService
from app.services.site import SiteHandle, SiteService, create_site
from app.services.staff import StaffService

DEMO_PASSPHRASE = "demo-site-2026"
DEMO_PLAN = "2026-41-DG-0001"
DEMO_INSTITUTION = Institution(name="河南示例职业技能等级认定中心", category="S", institution_code="0000",
                               province="41", site_serial="010123")
# The demo institution of each province profile (app.core.profiles); the staff and roster are the same.
DEMO_INSTITUTIONS = {
    "henan": DEMO_INSTITUTION,
    "hunan": Institution(name="湖南示例职业技能等级认定中心", category="S", institution_code="0000",
                         province="43", site_serial="010123"),
    "nanxun": Institution(name="南浔示例电气有限公司", category="Y", institution_code="0000",
                          province="33", site_serial="050123"),
    "national": Institution(name="示例职业技能等级认定中心", category="S", institution_code="0000",
                            province="11", site_serial="010123"),
}

# username, name, roles, password, card
DEMO_STAFF = [
    ("admin", "王立新", ["admin"], "Demo-admin-2026", ""),
    ("kaowu", "李静", ["staff"], "Demo-kaowu-2026", ""),
    ("jiankao1", "赵敏", ["proctor"], "Demo-jiankao-2026", ""),
    ("jiankao2", "孙浩", ["proctor"], "Demo-jiankao-2026", ""),
    ("kaochang", "周建国", ["room_head"], "Demo-kaochang-2026", ""),
    ("kaoping1", "吴晓东", ["grader"], "Demo-kaoping-2026", ""),
    ("kaoping2", "郑海燕", ["grader"], "Demo-kaoping-2026", ""),
    ("kaoping3", "冯志强", ["grader"], "Demo-kaoping-2026", ""),
    ("zuzhang", "陈德明", ["chief_grader", "grader"], "Demo-zuzhang-2026", ""),
    ("neidu", "刘芳", ["internal_supervisor"], "Demo-neidu-2026", "S010123260001"),
    ("waidu", "杨光", ["external_supervisor"], "Demo-waidu-2026", "R41260007"),
]

# 考评员资格 of the demo graders: 电工, 三级 or above (a 四级 batch needs 三级及以上 [002 L3834]); the chief
# holds 二级.  Extra graders the rehearsal adds get the same (demo_grader_qualification).
DEMO_GRADER_LEVELS = {"kaoping1": 3, "kaoping2": 3, "kaoping3": 3, "zuzhang": 2}


def demo_grader_qualification(username: str) -> dict:
    """Keyword arguments of StaffService.add for a demo grader: 考评员证号, level, 考评职业."""
    digits = "".join(ch for ch in username if ch.isdigit()) or "0"
    return {"grader_card_no": f"KP4101{int(digits):04d}{len(username):02d}",
            "grader_level": DEMO_GRADER_LEVELS.get(username, 3), "grader_occupation": "电工"}


_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉玲建国文斌宇浩凯俊帆晨阳雪梅海燕志"
_UNITS = ["郑州示例电力安装有限公司", "河南示例建设集团有限公司", "郑州示例机电工程有限公司", "中原示例物业服务有限公司",
          "郑州市示例职业培训学校"]


@dataclass
class DemoInfo:
    site_dir: Path
    passphrase: str
    plan_no: str
    candidates: int
    photos: int
    staff: list = field(default_factory=list)
    profile: str = "henan"


def demo_photo(rng: random.Random, sex: str) -> bytes:
    """A plain, recognisably different portrait: white background (证件照), face, hair, shirt."""
    h, w = 192, 144
    img = np.full((h, w, 3), 255, np.uint8)
    skin = (rng.randint(150, 200), rng.randint(175, 215), rng.randint(205, 240))
    shirt = tuple(int(v) for v in rng.choice([(120, 60, 20), (40, 40, 40), (150, 150, 150), (60, 90, 30), (30, 30, 140)]))
    cv2.rectangle(img, (18, 150), (126, 191), shirt, -1)
    cv2.ellipse(img, (72, 160), (54, 28), 0, 180, 360, shirt, -1)
    cv2.rectangle(img, (60, 118), (84, 140), skin, -1)
    cv2.ellipse(img, (72, 85), (34, 42), 0, 0, 360, skin, -1)
    hair = (rng.randint(10, 40),) * 3
    if sex == "女":
        cv2.ellipse(img, (72, 70), (40, 36), 0, 180, 360, hair, -1)
        cv2.rectangle(img, (32, 66), (44, 130), hair, -1)
        cv2.rectangle(img, (100, 66), (112, 130), hair, -1)
    else:
        cv2.ellipse(img, (72, 60), (36, 22), 0, 180, 360, hair, -1)
    eye_y = 82 + rng.randint(-3, 3)
    for x in (58, 86):
        cv2.circle(img, (x, eye_y), 3, (30, 30, 30), -1)
    cv2.ellipse(img, (72, 108), (10, 4), 0, 0, 180, (60, 60, 150), 2)
    ok, buf = cv2.imencode(".jpg", img, [cv2.IMWRITE_JPEG_QUALITY, 88])
    assert ok
    return buf.tobytes()


DEMO_ROOMS = ("第1考场", "第2考场")
DEMO_SCOPE = [{"occupation_code": "6-31-01-03", "occupation_name": "电工", "work_type": "", "levels": "5、4、3"}]


def demo_roster(folder: Path, candidates: int, seed: int, exam_day: _dt.date,
                rooms: tuple[str, ...] | list[str] = DEMO_ROOMS) -> Path:
    rng = random.Random(seed)
    photos = folder / "photos"
    photos.mkdir(parents=True, exist_ok=True)
    rooms = list(rooms)
    rows = []
    used_ids = set()
    for i in range(1, candidates + 1):
        sex = rng.choice("男男男女")
        name = rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2))))
        id_no = synthetic_id_number(rng, rng.choice(["410102", "410105", "410183", "410203", "410311"]), sex)
        while id_no in used_ids:
            id_no = synthetic_id_number(rng, "410102", sex)
        used_ids.add(id_no)
        ticket = f"DG2604{i:04d}"
        room = rooms[(i - 1) * len(rooms) // candidates]
        seat = f"{(i - 1) % (candidates // len(rooms) or 1) + 1:02d}"
        rows.append([DEMO_PLAN, ticket, name, sex, "201", id_no, rng.choice(_UNITS), room, seat])
        (photos / f"{ticket}.jpg").write_bytes(demo_photo(rng, sex))
    plan = [[DEMO_PLAN, "6-31-01-03", "电工", "", "四级", exam_day.isoformat(), exam_day.isoformat(),
             "、".join(rooms), 60, 60, ""]]
    path = folder / "roster.xlsx"
    write_roster(path, plan, rows)
    return path


def build_demo_site(site_dir: Path, candidates: int = 40, seed: int = 2026, kdf: dict | None = None,
                    exam_day: _dt.date | None = None, rooms: tuple[str, ...] | list[str] = DEMO_ROOMS,
                    profile: str = "henan") -> DemoInfo:
    """``rooms``: the 考场 the candidates are split over, in ticket order (the at-scale
    rehearsal uses three).  ``profile``: the province profile (its own demo institution)."""
    exam_day = exam_day or (site_date(_dt.datetime.now(_dt.timezone.utc)) + _dt.timedelta(days=1))
    admin = DEMO_STAFF[0]
    inst = DEMO_INSTITUTIONS.get(profile, DEMO_INSTITUTION)
    handle: SiteHandle = create_site(site_dir, DEMO_PASSPHRASE, inst, admin[0], admin[1], admin[3], kdf=kdf,
                                     profile=profile)
    try:
        ctx = handle.login(admin[0], admin[3])
        staff = StaffService(ctx)
        SiteService(ctx).set_filed_scope(DEMO_SCOPE)   # 备案范围: 电工 5、4、3 (违纪指引 第十五条)
        for username, name, roles, password, card in DEMO_STAFF[1:]:
            qualification = demo_grader_qualification(username) if "grader" in roles else {}
            staff.add(username, name, password, roles, unit=inst.name, card_no=card, **qualification)
        extra = []   # more 内督 where the profile requires them per 工种 (Nanxun: 2, 003 L41)
        for n in range(2, profiles.get(profile).min_internal_supervisors_per_work_type + 1):
            card = f"{inst.category}{inst.site_serial}26{n:04d}"
            extra.append((f"neidu{n}", f"内督{n}号", ["internal_supervisor"], DEMO_STAFF[9][3], card))
            staff.add(extra[-1][0], extra[-1][1], extra[-1][3], extra[-1][2], unit=inst.name, card_no=card)
        with tempfile.TemporaryDirectory() as tmp:
            path = demo_roster(Path(tmp), candidates, seed, exam_day, rooms)
            result = RosterService(ctx).import_roster(path, Path(tmp) / "photos")
        for username, _, roles, _, _ in DEMO_STAFF[1:] + extra:
            for role in roles:
                if role in ("proctor", "room_head", "grader", "chief_grader", "internal_supervisor",
                            "external_supervisor"):
                    staff.assign(DEMO_PLAN, username, role)
    finally:
        handle.close()
    return DemoInfo(Path(site_dir), DEMO_PASSPHRASE, DEMO_PLAN, result.candidates, result.photos,
                    [(u, n, r, p) for u, n, r, p, _ in DEMO_STAFF + extra], profile)


def describe(info: DemoInfo) -> str:
    from app.core.roles import ROLE_NAMES, Role

    lines = [f"演示站点已生成：{info.site_dir.resolve()}",
             f"站点口令：{info.passphrase}（演示用；真实站点请使用只有负责人知道的口令）",
             f"省份规则：{profiles.get(info.profile).summary()}",
             f"认定计划 {info.plan_no}：电工 四级，考生 {info.candidates} 名，照片 {info.photos} 张",
             "演示账户（用户名、密码、姓名、角色）："]
    for username, name, roles, password in info.staff:
        lines.append(f"  {username:<10} {password:<20} {name}（{'、'.join(ROLE_NAMES[Role(r)] for r in roles)}）")
    return "\n".join(lines)
