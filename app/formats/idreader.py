"""Chinese ID-card readers (身份证阅读器), behind one small interface.

Real readers need the vendor's driver (SDK DLL); none can run here.  The desk talks
only to ``IdCardReader``; this module ships two readers that need no hardware:

* ``KeyboardWedgeReader`` — readers and scanners set to "keyboard mode" type the
  card into the focused field.  It recognises a bare 18-character ID number, or a
  line ``姓名|证件号码[|性别]`` (``,`` and tab also accepted).
* ``FileReader`` — a vendor bridge (or a test, or a demo) drops one JSON file per
  card into a folder: ``{"name": "...", "id_no": "...", "sex": "...", "photo": "<base64 jpeg>"}``.
  Each file is read once and removed.
"""

from __future__ import annotations

import base64
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.core import identity
from app.core.idcard import is_valid_id_number
from app.formats import limits

_SPLIT = re.compile(r"[|,\t]")


@dataclass(frozen=True)
class IdCardData:
    id_no: str
    name: str = ""
    sex: str = ""
    photo: bytes | None = None


class IdCardReader(Protocol):
    def poll(self) -> IdCardData | None:
        """A card read since the last call, or None.  Never blocks."""


class KeyboardWedgeReader:
    def __init__(self):
        self._pending: list[IdCardData] = []

    @staticmethod
    def parse(line: str) -> IdCardData | None:
        """A card, or None when the line is not one (or its name carries control/bidi characters)."""
        parts = [p.strip() for p in _SPLIT.split(unicodedata.normalize("NFKC", line or "").strip())]
        if len(parts) == 1 and is_valid_id_number(parts[0]):
            return IdCardData(identity.normalise_id_no(parts[0]))
        if len(parts) >= 2 and is_valid_id_number(parts[1]):
            name = identity.normalise("name", parts[0])
            if identity.problem("name", name):
                return None
            return IdCardData(identity.normalise_id_no(parts[1]), name, parts[2] if len(parts) > 2 else "")
        return None

    def feed(self, line: str) -> IdCardData | None:
        card = self.parse(line)
        if card is not None:
            self._pending.append(card)
        return card

    def poll(self) -> IdCardData | None:
        return self._pending.pop(0) if self._pending else None


class FileReader:
    def __init__(self, folder: Path | str):
        self.folder = Path(folder)
        self.rejected: list[tuple[str, str]] = []  # (file name, reason)

    def poll(self) -> IdCardData | None:
        if not self.folder.is_dir():
            return None
        for path in sorted(self.folder.glob("*.json")):
            try:
                rec = json.loads(path.read_text(encoding="utf-8"))
                id_no = identity.normalise_id_no(rec["id_no"])
                name = identity.normalise("name", rec.get("name", ""))
                photo = base64.b64decode(rec["photo"]) if rec.get("photo") else None
            except (OSError, ValueError, KeyError, TypeError) as exc:
                self.rejected.append((path.name, type(exc).__name__))
                path.unlink(missing_ok=True)
                continue
            path.unlink(missing_ok=True)
            if not is_valid_id_number(id_no):
                self.rejected.append((path.name, f"证件号码「{identity.show(id_no)}」无效"))
                continue
            if name and identity.problem("name", name):
                self.rejected.append((path.name, identity.problem("name", name)))
                continue
            if photo is not None and limits.image_problem(photo, strict=False):
                self.rejected.append((path.name, f"照片：{limits.image_problem(photo, strict=False)}"))
                continue
            return IdCardData(id_no, name, str(rec.get("sex", "")).strip(), photo)
        return None
