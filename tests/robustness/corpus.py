"""Broken files, generated (nothing binary is committed): each a way a real file goes wrong."""

from __future__ import annotations

import hashlib
import io
import json
import struct
import zipfile
import zlib
from pathlib import Path

from openpyxl import Workbook


def tiny_png(width: int, height: int) -> bytes:
    """A PNG whose header claims width × height: Pillow reads the size without decoding."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 16)) + chunk(b"IEND", b"")


def xlsx_bytes(sheets: dict[str, list[list]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def shared_strings_bomb(text_bytes: int) -> bytes:
    """A one-cell workbook whose xl/sharedStrings.xml inflates to ``text_bytes`` (a few KB on disk)."""
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
          '<Default Extension="xml" ContentType="application/xml"/>'
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.'
          'spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml"'
          ' ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="xl/workbook.xml"/></Relationships>')
    wb = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
          'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
          '<sheet name="考生名册" sheetId="1" r:id="rId1"/></sheets></workbook>')
    wb_rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
               'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
               'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
               'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
               'Target="sharedStrings.xml"/></Relationships>')
    sheet = ('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>')
    sst = ('<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
           'uniqueCount="1"><si><t>' + "A" * text_bytes + '</t></si></sst>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("[Content_Types].xml", ct), ("_rels/.rels", rels), ("xl/workbook.xml", wb),
                           ("xl/_rels/workbook.xml.rels", wb_rels), ("xl/worksheets/sheet1.xml", sheet),
                           ("xl/sharedStrings.xml", sst)):
            z.writestr(name, text)
    return buf.getvalue()


def corrupt_member(data: bytes, member_suffix: str) -> bytes:
    """Flip bytes inside one member's compressed data: the zip opens, the member's CRC fails."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        info = next(i for i in z.infolist() if i.filename.endswith(member_suffix))
    raw = bytearray(data)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for k in range(start + 2, start + min(info.compress_size - 2, 12)):
        raw[k] ^= 0x5A
    return bytes(raw)


def qti_zip(item: bytes | None = None, manifest: bytes | None = None, images: dict[str, bytes] | None = None,
            img_src: str = "") -> bytes:
    item = item or (b'<?xml version="1.0" encoding="utf-8"?>'
                    b'<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="Q1">'
                    b'<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier">'
                    b'<correctResponse><value>A</value></correctResponse></responseDeclaration>'
                    b'<itemBody>' + (f'<p><img src="images/{img_src}"/></p>'.encode() if img_src else b"") +
                    b'<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>p</prompt>'
                    b'<simpleChoice identifier="A">a</simpleChoice><simpleChoice identifier="B">b</simpleChoice>'
                    b'</choiceInteraction></itemBody></assessmentItem>')
    manifest = manifest or (b'<?xml version="1.0"?><manifest xmlns="http://www.imsglobal.org/xsd/imscp_v1p1" '
                            b'identifier="M"><resources><resource identifier="R1" type="imsqti_item_xmlv2p1" '
                            b'href="items/Q1.xml"><metadata><lom xmlns="http://ltsc.ieee.org/xsd/LOM"><classification>'
                            b'<taxonPath><taxon><id>A-01-001</id></taxon></taxonPath></classification></lom></metadata>'
                            b'<file href="items/Q1.xml"/></resource></resources></manifest>')
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("imsmanifest.xml", manifest)
        z.writestr("items/Q1.xml", item)
        for name, data in (images or {}).items():
            z.writestr(f"items/images/{name}", data)
    return buf.getvalue()


def answer_pack(head) -> bytes:
    body = (json.dumps(head) + "\n").encode()
    return body + json.dumps({"sha256": hashlib.sha256(body).hexdigest()}).encode() + b"\n"


def roster_rows(level: str = "四级") -> dict[str, list[list]]:
    return {"认定计划": [["认定计划号", "职业编码", "职业名称", "等级", "考试开始日期"],
                         ["2026-DG-0001", "6-31-01-03", "电工", level, "2026-12-05"]],
            "考生名册": [["准考证号", "姓名", "证件号码"], ["DG0001", "张三", "410102199001011234"]]}


def table_corpus(folder: Path) -> dict[str, Path]:
    """Files given where a table (.xlsx/.xls/.csv) is expected."""
    folder.mkdir(parents=True, exist_ok=True)
    good = xlsx_bytes(roster_rows())
    files = {
        "missing": folder / "missing.xlsx",
        "directory": folder / "a-folder.xlsx",
        "empty": folder / "empty.xlsx",
        "text-as-xlsx": folder / "text.xlsx",
        "html-as-xls": folder / "platform.xls",
        "garbage-ole-xls": folder / "garbage.xls",
        "binary-csv": folder / "binary.csv",
        "bad-encoding-csv": folder / "latin.csv",
        "truncated-xlsx": folder / "truncated.xlsx",
        "bad-crc-xlsx": folder / "badcrc.xlsx",
        "xlsx-named-xls": folder / "really-xlsx.xls",
        "shared-strings-bomb": folder / "bomb.xlsx",
        "too-many-rows": folder / "rows.xlsx",
        "superscript-level": folder / "superscript.xlsx",
        "pdf": folder / "roster.pdf",
    }
    files["directory"].mkdir(exist_ok=True)
    files["empty"].write_bytes(b"")
    files["text-as-xlsx"].write_text("hello")
    files["html-as-xls"].write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>")
    files["garbage-ole-xls"].write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    files["binary-csv"].write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)
    files["bad-encoding-csv"].write_bytes("姓名,证件号码\n".encode("utf-16"))
    files["truncated-xlsx"].write_bytes(good[: len(good) // 2])
    files["bad-crc-xlsx"].write_bytes(corrupt_member(good, "sheet2.xml"))
    files["xlsx-named-xls"].write_bytes(good)
    big = [["准考证号", "姓名", "证件号码"]] + [[f"T{i:08d}", f"{'名' * 30}{i}", "x" * 40] for i in range(4000)]
    files["shared-strings-bomb"].write_bytes(shared_strings_bomb(400_000))
    files["too-many-rows"].write_bytes(xlsx_bytes({"考生名册": big[:120]}))
    files["superscript-level"].write_bytes(xlsx_bytes(roster_rows("⁴级²")))
    files["pdf"].write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    return files


def qti_corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    good = qti_zip()
    out = {
        "qti-bad-crc": corrupt_member(good, "Q1.xml"),
        "qti-entity-expansion": qti_zip(manifest=b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa">'
                                                 b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><manifest>&b;</manifest>'),
        "qti-manifest-too-big": qti_zip(manifest=b'<?xml version="1.0"?><manifest>' + b"<x/>" * 400_000
                                        + b"</manifest>"),
        "qti-image-bomb": qti_zip(images={"big.png": tiny_png(30000, 30000)}, img_src="big.png"),
        "qti-image-type": qti_zip(images={"x.svg": b"<svg/>"}, img_src="x.svg"),
        "qti-not-zip": b"hello",
    }
    item = (b'<assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" identifier="Q1">'
            b'<responseDeclaration identifier="RESPONSE"><correctResponse><value>A</value></correctResponse>'
            b'</responseDeclaration><itemBody><choiceInteraction responseIdentifier="RESPONSE" maxChoices="\xc2\xb2x">'
            b'<prompt>p</prompt><simpleChoice identifier="A">a</simpleChoice><simpleChoice identifier="B">b'
            b'</simpleChoice></choiceInteraction></itemBody></assessmentItem>')
    out["qti-non-numeric-maxchoices"] = qti_zip(item=item)
    files = {}
    for name, data in out.items():
        files[name] = folder / f"{name}.zip"
        files[name].write_bytes(data)
    return files


def pack_corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {
        "pack-header-list": answer_pack([1, 2, 3]),
        "pack-header-string": answer_pack("examsite-answer-pack-1"),
        "pack-count-text": answer_pack({"format": "examsite-answer-pack-1", "site": "S", "count": "x"}),
        "pack-binary": bytes(range(256)) * 4,
        "pack-empty": b"",
    }
    files = {}
    for name, data in out.items():
        files[name] = folder / f"{name}.espack"
        files[name].write_bytes(data)
    files["pack-missing"] = folder / "missing.espack"
    files["pack-directory"] = folder / "dir.espack"
    files["pack-directory"].mkdir(exist_ok=True)
    return files


def image_corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    files = {"png-bomb": folder / "bomb.png", "not-image": folder / "x.png", "missing": folder / "none.png",
             "empty": folder / "empty.png", "directory": folder / "d.png"}
    files["png-bomb"].write_bytes(tiny_png(30000, 30000))
    files["not-image"].write_text("hello")
    files["empty"].write_bytes(b"")
    files["directory"].mkdir(exist_ok=True)
    return files
