"""QTI 2.1 content packages: one assessmentItem (choiceInteraction) per question, an
``imsmanifest.xml`` listing them with LOM metadata (difficulty, 鉴定点 as taxon).

Fixed options (``simpleChoice fixed="true"``) keep their place when shuffled; the
correct answer is ``responseDeclaration/correctResponse``; the points are the
``MAXSCORE`` outcome's default value.  判断 items are two-choice items whose choices
read 正确/错误.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree as ET

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

from app.core.errors import CellError, ImportRejected
from app.core.exam.questions import (LABELS, TRUE_FALSE_TEXTS, Option, Question, QType, parse_points,
                                     question_problems)
from app.formats import limits

NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
MD = "http://ltsc.ieee.org/xsd/LOM"
DIFFICULTY = ["very easy", "easy", "medium", "difficult", "very difficult"]
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif")


def _q(tag: str, ns: str = NS) -> str:
    return f"{{{ns}}}{tag}"


def item_xml(q: Question) -> bytes:
    ET.register_namespace("", NS)
    multiple = q.qtype is QType.MULTIPLE
    item = ET.Element(_q("assessmentItem"), {"identifier": q.code, "title": q.code, "adaptive": "false",
                                             "timeDependent": "false"})
    rd = ET.SubElement(item, _q("responseDeclaration"), {"identifier": "RESPONSE",
                                                         "cardinality": "multiple" if multiple else "single",
                                                         "baseType": "identifier"})
    cr = ET.SubElement(rd, _q("correctResponse"))
    for lbl in sorted(q.answer):
        ET.SubElement(cr, _q("value")).text = lbl
    for ident in ("SCORE", "MAXSCORE"):
        od = ET.SubElement(item, _q("outcomeDeclaration"), {"identifier": ident, "cardinality": "single",
                                                            "baseType": "float"})
        if ident == "MAXSCORE":
            ET.SubElement(ET.SubElement(od, _q("defaultValue")), _q("value")).text = str(q.points)
    body = ET.SubElement(item, _q("itemBody"))
    if q.image:
        p = ET.SubElement(body, _q("p"))
        ET.SubElement(p, _q("img"), {"src": f"images/{q.image}", "alt": q.image})
    ci = ET.SubElement(body, _q("choiceInteraction"), {"responseIdentifier": "RESPONSE",
                                                       "shuffle": "false" if q.qtype is QType.TRUE_FALSE else "true",
                                                       "maxChoices": "0" if multiple else "1"})
    ET.SubElement(ci, _q("prompt")).text = q.stem
    for o in q.options:
        attrs = {"identifier": o.label}
        if o.fixed:
            attrs["fixed"] = "true"
        ET.SubElement(ci, _q("simpleChoice"), attrs).text = o.text
    ET.SubElement(item, _q("responseProcessing"),
                  {"template": "http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct"})
    return ET.tostring(item, encoding="utf-8", xml_declaration=True)


def _manifest(questions: list[Question]) -> bytes:
    ET.register_namespace("", CP)
    ET.register_namespace("imsmd", MD)
    m = ET.Element(_q("manifest", CP), {"identifier": "EXAMSITE-BANK"})
    md = ET.SubElement(m, _q("metadata", CP))
    ET.SubElement(md, _q("schema", CP)).text = "QTIv2.1 Package"
    ET.SubElement(md, _q("schemaversion", CP)).text = "1.0.0"
    ET.SubElement(m, _q("organizations", CP))
    res = ET.SubElement(m, _q("resources", CP))
    for q in questions:
        href = f"items/{q.code}.xml"
        r = ET.SubElement(res, _q("resource", CP), {"identifier": f"R-{q.code}", "type": "imsqti_item_xmlv2p1",
                                                    "href": href})
        rmd = ET.SubElement(r, _q("metadata", CP))
        lom = ET.SubElement(rmd, _q("lom", MD))
        edu = ET.SubElement(ET.SubElement(lom, _q("educational", MD)), _q("difficulty", MD))
        ET.SubElement(edu, _q("source", MD)).text = "LOMv1.0"
        ET.SubElement(edu, _q("value", MD)).text = DIFFICULTY[q.difficulty - 1]
        cls = ET.SubElement(lom, _q("classification", MD))
        ET.SubElement(ET.SubElement(cls, _q("purpose", MD)), _q("value", MD)).text = "competency"
        tp = ET.SubElement(cls, _q("taxonPath", MD))
        ET.SubElement(ET.SubElement(tp, _q("source", MD)), _q("string", MD)).text = "鉴定点"
        ET.SubElement(ET.SubElement(tp, _q("taxon", MD)), _q("id", MD)).text = q.kp_code
        ET.SubElement(r, _q("file", CP), {"href": href})
        if q.image:
            ET.SubElement(r, _q("file", CP), {"href": f"items/images/{q.image}"})
    return ET.tostring(m, encoding="utf-8", xml_declaration=True)


def export_package(questions: list[Question], images: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("imsmanifest.xml", _manifest(questions))
        for q in questions:
            z.writestr(f"items/{q.code}.xml", item_xml(q))
        for name, data in sorted(images.items()):
            z.writestr(f"items/images/{name}", data)
    return buf.getvalue()


def _text(el) -> str:
    return "".join(el.itertext()).strip() if el is not None else ""


def parse_item(data: bytes, where: str, difficulty: int, kp: str) -> tuple[Question, list[CellError]]:
    errs: list[CellError] = []

    def err(col, msg):
        errs.append(CellError(where, 0, col, msg))

    try:
        root = SafeET.fromstring(data)
    except ET.ParseError as exc:
        err("", f"XML 格式错误（{exc}）")
        return None, errs
    except DefusedXmlException:
        err("", "XML 含有实体或外部引用，已拒绝")
        return None, errs
    if root.tag != _q("assessmentItem"):
        err("", "不是 QTI 2.1 assessmentItem")
        return None, errs
    cis = root.findall(f".//{_q('choiceInteraction')}")
    if len(cis) != 1:
        err("choiceInteraction", "每道试题应恰有一个 choiceInteraction（仅支持选择题）")
        return None, errs
    ci = cis[0]
    stem = _text(ci.find(_q("prompt"))) or _text(root.find(f"{_q('itemBody')}/{_q('p')}"))
    choices = ci.findall(_q("simpleChoice"))
    if len(choices) > len(LABELS):
        err("simpleChoice", "选项超过 8 个")
        choices = choices[:len(LABELS)]
    idents = [c.get("identifier", "") for c in choices]
    options = tuple(Option(LABELS[i], _text(c), c.get("fixed") == "true") for i, c in enumerate(choices))
    relabel = dict(zip(idents, LABELS))
    correct = [v.text.strip() for v in root.findall(f"{_q('responseDeclaration')}/{_q('correctResponse')}/{_q('value')}")
               if v.text]
    bad = [v for v in correct if v not in relabel]
    if bad or not correct:
        err("correctResponse", "正确答案缺失或与选项标识不符")
    answer = frozenset(relabel[v] for v in correct if v in relabel)
    raw_max = (ci.get("maxChoices", "1") or "1").strip()
    if not (raw_max.isascii() and raw_max.isdigit()):
        err("maxChoices", f"属性 maxChoices「{raw_max[:20]}」应为非负整数")
        return None, errs
    max_choices = int(raw_max)
    texts = tuple(o.text for o in options)
    if max_choices == 1 and texts == TRUE_FALSE_TEXTS:
        qtype = QType.TRUE_FALSE
    elif max_choices == 1:
        qtype = QType.SINGLE
    else:
        qtype = QType.MULTIPLE
    points = Decimal(1)
    for od in root.findall(_q("outcomeDeclaration")):
        if od.get("identifier") == "MAXSCORE":
            v = od.find(f"{_q('defaultValue')}/{_q('value')}")
            try:
                points = parse_points(_text(v))
            except ValueError as exc:
                err("MAXSCORE", str(exc))
    image = ""
    img = root.find(f".//{_q('img')}")
    if img is not None:
        image = posixpath.basename(img.get("src", ""))
    q = Question(root.get("identifier", ""), qtype, stem, options, answer, points, difficulty, kp, image)
    for field, message in question_problems(q):
        err(field, message)
    return q, errs


def import_package(path: Path | str) -> tuple[list[Question], dict[str, bytes]]:
    """Every question of a QTI 2.1 package, or ``ImportRejected`` with one line per fault.
    Sizes are bounded (``app.core.limits``) before anything is inflated; a damaged member
    (bad CRC, truncated) is named, never raised."""
    path = Path(path)
    limits.check_file(path, "QTI 内容包")
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise ImportRejected([CellError(path.name, 0, "", "不是有效的 QTI 内容包（zip）")]) from None
    bounds = limits.current()
    errors: list[CellError] = []
    out: list[Question] = []
    images: dict[str, bytes] = {}

    def read(name: str) -> bytes:
        try:
            return z.read(name)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError) as exc:
            raise ImportRejected([CellError(path.name, 0, name, f"内容包中的文件已损坏（{type(exc).__name__}）")]) from None

    with z:
        limits.check_zip(z, path.name, {"imsmanifest.xml": "manifest_bytes"})
        names = set(z.namelist())
        if "imsmanifest.xml" not in names:
            raise ImportRejected([CellError(path.name, 0, "", "内容包缺少 imsmanifest.xml")])
        try:
            manifest = SafeET.fromstring(read("imsmanifest.xml"))
        except ET.ParseError as exc:
            raise ImportRejected([CellError("imsmanifest.xml", 0, "", f"XML 格式错误（{exc}）")]) from None
        except DefusedXmlException:
            raise ImportRejected([CellError("imsmanifest.xml", 0, "", "XML 含有实体或外部引用，已拒绝")]) from None
        seen: set[str] = set()
        for r in manifest.iter(_q("resource", CP)):
            if not r.get("type", "").startswith("imsqti_item_xmlv2p"):
                continue
            href = r.get("href", "")
            if href not in names:
                errors.append(CellError("imsmanifest.xml", 0, href, "清单列出的试题文件不存在"))
                continue
            if z.getinfo(href).file_size > bounds.item_bytes:
                errors.append(CellError(href, 0, "", f"文件过大（上限 {bounds.describe('item_bytes')}）"))
                continue
            dval = r.find(f".//{_q('difficulty', MD)}/{_q('value', MD)}")
            difficulty = DIFFICULTY.index(_text(dval)) + 1 if _text(dval) in DIFFICULTY else 3
            kp = _text(r.find(f".//{_q('taxon', MD)}/{_q('id', MD)}"))
            q, errs = parse_item(read(href), href, difficulty, kp)
            errors += errs
            if q is None or errs:
                continue
            if q.code in seen:
                errors.append(CellError(href, 0, "identifier", f"试题标识「{q.code}」重复"))
                continue
            seen.add(q.code)
            if q.image:
                img = posixpath.join(posixpath.dirname(href), "images", q.image)
                if img not in names:
                    errors.append(CellError(href, 0, "img", f"图片 {img} 不在内容包中"))
                elif posixpath.splitext(q.image)[1].lower() not in IMAGE_SUFFIXES:
                    errors.append(CellError(href, 0, "img", f"图片 {q.image} 的类型不受支持（应为 png/jpg/gif）"))
                elif z.getinfo(img).file_size > bounds.image_bytes:
                    errors.append(CellError(href, 0, "img", f"图片 {q.image} 超过 {bounds.describe('image_bytes')}"))
                else:
                    data = read(img)
                    problem = limits.image_problem(data)
                    if problem:
                        errors.append(CellError(href, 0, "img", f"图片 {q.image}：{problem}"))
                    else:
                        images[q.image] = data
            out.append(q)
    if errors:
        raise ImportRejected(errors)
    if not out:
        raise ImportRejected([CellError(path.name, 0, "", "内容包中没有试题")])
    return out, images
