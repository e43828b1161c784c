"""Code tables from the source documents, each in exactly one place.

Importers, validators, exporters and the UI all read these tables; nothing else
spells a code out.  Line references point into ``shared/seeds``.
"""

from __future__ import annotations

import re
import unicodedata
from types import MappingProxyType

# 证件类型 — Hunan 附件4 code table [000 L577–581].
ID_TYPES: MappingProxyType = MappingProxyType(
    {
        "201": "居民身份证",
        "227": "中国护照",
        "210": "港澳居民来往内地通行证",
        "237": "港澳居民居住证",
        "213": "台湾居民来往大陆通行证",
        "238": "台湾居民居住证",
        "208": "外国护照",
        "233": "外国人永久居留身份证",
        "239": "《中华人民共和国外国人工作许可证》（A类）",
        "240": "《中华人民共和国外国人工作许可证》（B类）",
        "241": "《中华人民共和国外国人工作许可证》（C类）",
        "299": "其他个人证件",
    }
)
ID_TYPE_RESIDENT_CARD = "201"

# 职业技能等级 — 国家编码规则 表5 [002 L2571–2580]; Hunan [000 L583].
LEVELS: MappingProxyType = MappingProxyType(
    {
        1: ("一级", "高级技师"),
        2: ("二级", "技师"),
        3: ("三级", "高级工"),
        4: ("四级", "中级工"),
        5: ("五级", "初级工"),
    }
)

# 省级代码表 — 国家编码规则 表4 [002 L2542–2557].  (Henan's copy misprints 14.)
PROVINCES: MappingProxyType = MappingProxyType(
    {
        "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区",
        "21": "辽宁省", "22": "吉林省", "23": "黑龙江省",
        "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省", "35": "福建省",
        "36": "江西省", "37": "山东省",
        "41": "河南省", "42": "湖北省", "43": "湖南省", "44": "广东省", "45": "广西壮族自治区",
        "46": "海南省",
        "50": "重庆市", "51": "四川省", "52": "贵州省", "53": "云南省", "54": "西藏自治区",
        "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
        "65": "新疆维吾尔自治区", "66": "新疆生产建设兵团",
        "71": "台湾省", "81": "香港特别行政区", "82": "澳门特别行政区",
    }
)
HENAN = "41"

# 人力资源社会保障部门代码表 (督导员证卡颁发机构) — 督导规程 附件1 表3 [002 L1227–1241].
CARD_ISSUERS: MappingProxyType = MappingProxyType({"00": "人力资源社会保障部", **PROVINCES})

# 河南省 省直和市级代码表 — 豫编码规则 表5 [002 L4233–4245].
HENAN_CITIES: MappingProxyType = MappingProxyType(
    {
        "00": "省直", "01": "郑州市", "02": "开封市", "03": "洛阳市", "04": "平顶山市",
        "05": "安阳市", "06": "鹤壁市", "07": "新乡市", "08": "焦作市", "09": "濮阳市",
        "10": "许昌市", "11": "漯河市", "12": "三门峡市", "13": "南阳市", "14": "商丘市",
        "15": "信阳市", "16": "周口市", "17": "驻马店市", "18": "济源市", "19": "巩义市",
        "20": "兰考县", "21": "汝州市", "22": "滑县", "23": "长垣县", "24": "邓州市",
        "25": "永城市", "26": "固始县", "27": "鹿邑县", "28": "新蔡县",
    }
)

# 评价机构类别代码 — 国家编码规则 表2 [002 L2518–2526].
INSTITUTION_CATEGORIES: MappingProxyType = MappingProxyType(
    {"Y": "用人单位", "S": "社会培训评价组织"}
)

# 内督证卡类别代码 — 督导规程 附件1 表5 [002 L1266–1273].
INTERNAL_CARD_CATEGORIES: MappingProxyType = MappingProxyType(
    {"H": "行业部门", "Y": "用人单位", "S": "社会培训评价组织"}
)

SEXES: MappingProxyType = MappingProxyType({"男": "男", "女": "女", "M": "男", "F": "女", "1": "男", "2": "女"})

# Subjects of an assessment (科目): theory, practical, and 综合评审 for levels 1–2.
SUBJECTS: MappingProxyType = MappingProxyType(
    {"theory": "理论知识考试", "practical": "操作技能考核", "review": "综合评审"}
)
DEFAULT_PASS_MARK = 60


def level_label(level: int) -> str:
    """'四级/中级工' — the certificate's 中文数字 + 级 / 等级名称 form [002 L2761]."""
    number, name = LEVELS[level]
    return f"{number}/{name}"


def batch_label(plan_no: str, occupation_name: str, level: int, work_type: str = "") -> str:
    """The one way a batch is named on screens and in messages: '2026-41-DG-0001 电工 四级/中级工'."""
    occupation = occupation_name + (f"（{work_type}）" if work_type else "")
    return f"{plan_no} {occupation} {level_label(level)}"


def parse_level(text: str | int) -> int:
    """Accept 4, '4', '4级', '四级', '中级工', '中级', '四级/中级工', '中级工/四级', '四级（中级工）',
    fullwidth forms, and a leading '职业技能等级'/'国家职业资格'.  Raise ValueError otherwise
    (and when the parts name two different levels)."""
    if isinstance(text, int):
        if text in LEVELS:
            return text
        raise ValueError(text)
    value = unicodedata.normalize("NFKC", str(text)).strip()
    value = re.sub(r"\s+", "", value)
    for prefix in ("职业技能等级", "国家职业资格", "等级"):
        value = value.removeprefix(prefix)
    if value.isascii() and value.isdigit() and int(value) in LEVELS:
        return int(value)
    parts = [p for p in re.split(r"[/()、,，]", value) if p]
    found: set[int] = set()
    for part in parts:
        for level, (number, name) in LEVELS.items():
            short = name[:-1] if name.endswith("工") else name
            if part in {number, name, short, f"{level}级"}:
                found.add(level)
                break
        else:
            raise ValueError(text)
    if len(found) == 1:
        return found.pop()
    raise ValueError(text)


def parse_id_type(text: str | int) -> str:
    """Accept the code ('201') or the name ('居民身份证'); return the code."""
    value = str(text).strip()
    if value in ID_TYPES:
        return value
    for code, name in ID_TYPES.items():
        if value == name or value == name.strip("《》"):
            return code
    if value in {"身份证", "二代身份证"}:
        return ID_TYPE_RESIDENT_CARD
    raise ValueError(text)


def parse_sex(text: str) -> str:
    value = str(text).strip()
    if value in SEXES:
        return SEXES[value]
    raise ValueError(text)


def requires_review(level: int) -> bool:
    """综合评审 applies to 技师 and 高级技师 [000 L668; 002 L4065]."""
    return level in (1, 2)
