"""The 职业技能等级证书 (样式2021, 人社鉴发〔2021〕1号) as data, its QR payload and its wording rules.

Required content [rules-digest §6.1]: 证书名称, 证书正文, 评价机构名称, 发证日期, 姓名,
证件类型, 证件号码, 职业名称, 工种/职业方向 ('--' when none), 职业技能等级
('四级/中级工'), 证书编号, photo, QR code (30 mm), the two query URLs.
"""

from __future__ import annotations

import base64
import datetime as _dt
from dataclasses import dataclass

from app.core import codes, idcard

TITLE = "职业技能等级证书"
TITLE_EN = "Certificate of Occupational Skill Level"
CERT_QUERY_URL = "http://jndj.osta.org.cn"
INSTITUTION_QUERY_URL = "http://pjgg.osta.org.cn"
NO_WORK_TYPE = "--"
QR_MM = 30

# 样式2021 注意事项 [002 L2783]: none of these may appear on a certificate.
PROHIBITED = ("中华人民共和国", "中国", "中华", "国家", "全国", "人力资源社会保障部门", "职业技能鉴定中心",
              "中国就业培训技术指导中心", "职业资格", "资格凭证", "就业凭证", "录用依据")

QR_PREFIX = "ESC1"
SIGN_CONTEXT = b"examsite-cert|"


def body_text(institution_name: str) -> str:
    return (f"本证书由{institution_name}颁发，表明持证人通过本机构组织的职业技能等级认定，"
            "具备该职业（工种）相应技能等级水平。")


@dataclass(frozen=True)
class CertificateData:
    certificate_no: str
    name: str
    id_type: str  # code
    id_no: str
    occupation_name: str
    work_type: str | None
    level: int
    issue_date: _dt.date
    institution_name: str
    print_serial: str = ""
    seal_names: tuple[str, ...] = ()   # who stamps: (机构,) or (机构, 分支机构) — not in the QR payload

    @property
    def work_type_text(self) -> str:
        return (self.work_type or "").strip() or NO_WORK_TYPE

    @property
    def level_text(self) -> str:
        return codes.level_label(self.level)

    @property
    def id_type_text(self) -> str:
        return codes.ID_TYPES.get(self.id_type, self.id_type)

    @property
    def issue_date_text(self) -> str:
        d = self.issue_date
        return f"{d.year}年{d.month}月{d.day}日"

    def fields(self) -> list[tuple[str, str, str]]:
        """(label, English label, value) in the order of the reference layout."""
        return [
            ("姓名", "Name", self.name),
            ("证件类型", "ID Type", self.id_type_text),
            ("证件号码", "ID No.", self.id_no),
            ("职业名称", "Occupation", self.occupation_name),
            ("工种/职业方向", "Job", self.work_type_text),
            ("职业技能等级", "Skill Level", self.level_text),
            ("证书编号", "Certificate No.", self.certificate_no),
        ]

    def checked_text(self) -> str:
        """Everything printed that the wording rule applies to (the ID type name is a code-table
        value, e.g. 《中华人民共和国外国人工作许可证》, and is left out)."""
        parts = [TITLE, body_text(self.institution_name), self.institution_name, CERT_QUERY_URL,
                 INSTITUTION_QUERY_URL, "证书信息查询网址", "机构信息查询网址", "发证日期"]
        parts += [f"{label}{value}" for label, _, value in self.fields() if label != "证件类型"]
        return "\n".join(parts)

    def qr_payload(self) -> str:
        """What the QR carries before its signature; '|' separated, no '|' inside a field."""
        fields = [QR_PREFIX, self.certificate_no, self.name, idcard.mask_id_no(self.id_no), str(self.level),
                  self.occupation_name, self.work_type_text, self.issue_date.isoformat(), self.institution_name]
        return "|".join(f.replace("|", "/") for f in fields)


def prohibited_words(text: str) -> list[str]:
    return [w for w in PROHIBITED if w in text]


def missing_fields(data: CertificateData) -> list[str]:
    out = [label for label, _, value in data.fields() if not str(value).strip()]
    if not data.institution_name.strip():
        out.append("评价机构名称")
    return out


def b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def unb64u(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def qr_text(payload: str, key_id: str, signature: bytes) -> str:
    return f"{payload}|{key_id}|{b64u(signature)}"


@dataclass(frozen=True)
class QrContent:
    payload: str
    key_id: str
    signature: bytes

    @property
    def message(self) -> bytes:
        return SIGN_CONTEXT + self.payload.encode("utf-8")

    @property
    def fields(self) -> dict[str, str]:
        parts = self.payload.split("|")
        keys = ("format", "certificate_no", "name", "id_no_masked", "level", "occupation_name", "work_type",
                "issue_date", "institution_name")
        return dict(zip(keys, parts))


def split_qr(text: str) -> QrContent:
    parts = (text or "").strip().split("|")
    if len(parts) != 11 or parts[0] != QR_PREFIX:
        raise ValueError("不是本系统签发的证书二维码")
    try:
        sig = unb64u(parts[-1])
    except (ValueError, TypeError):
        raise ValueError("二维码签名无法解码") from None
    return QrContent("|".join(parts[:-2]), parts[-2], sig)


def verify_qr(text: str, public_keys: dict[str, bytes]) -> QrContent:
    """Check the signature with the site's public key(s); ValueError names the fault."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    content = split_qr(text)
    pub = public_keys.get(content.key_id)
    if pub is None:
        raise ValueError(f"签名密钥「{content.key_id}」不是本站点的公钥")
    try:
        Ed25519PublicKey.from_public_bytes(pub).verify(content.signature, content.message)
    except InvalidSignature:
        raise ValueError("证书二维码签名无效（内容被改动或非本站点签发）") from None
    return content


# 样式2021 印章 [002 L2767–2775]: the institution's seal; when a 分支机构 issues, both seals,
# "评价机构印章在左侧，分支机构印章在右侧".  The layout keeps these circles clear of every printed item
# except the issuer's name and the date the seal stamps over.  Diameter 42 mm [EXTERNAL: the usual
# size of an organisation's round seal]; positions in mm from the page's bottom-left corner (A4 portrait).
SEAL_MM = 42


@dataclass(frozen=True)
class SealPosition:
    holder: str      # the name under the seal
    cx: float        # centre, mm
    cy: float
    r: float = SEAL_MM / 2


def seal_positions(seal_names: tuple[str, ...], page_w: float = 210.0) -> tuple[SealPosition, ...]:
    """One seal (right of centre) or two (institution left, branch right), over the issuer block."""
    names = tuple(n for n in seal_names if n)
    if len(names) >= 2:
        return (SealPosition(names[0], page_w / 2 - 40, 62), SealPosition(names[1], page_w / 2 + 40, 62))
    return (SealPosition(names[0] if names else "", page_w - 25 - 40, 62),)
