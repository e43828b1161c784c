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
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from app.core.idcard import is_valid_id_number

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
        parts = [p.strip() for p in _SPLIT.split((line or "").strip())]
        if len(parts) == 1 and is_valid_id_number(parts[0]):
            return IdCardData(parts[0].upper())
        if len(parts) >= 2 and is_valid_id_number(parts[1]):
            return IdCardData(parts[1].upper(), parts[0], parts[2] if len(parts) > 2 else "")
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
                id_no = str(rec["id_no"]).strip().upper()
                photo = base64.b64decode(rec["photo"]) if rec.get("photo") else None
            except (OSError, ValueError, KeyError, TypeError) as exc:
                self.rejected.append((path.name, type(exc).__name__))
                path.unlink(missing_ok=True)
                continue
            path.unlink(missing_ok=True)
            if not is_valid_id_number(id_no):
                self.rejected.append((path.name, "证件号码无效"))
                continue
            return IdCardData(id_no, str(rec.get("name", "")).strip(), str(rec.get("sex", "")).strip(), photo)
        return None
