"""Every user-visible string goes through Qt's translation, and English is complete."""

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from app.core.codes import INSTITUTION_CATEGORIES, SUBJECTS
from app.core.roles import ROLE_NAMES

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "examsite_en.ts"


def test_core_strings_are_marked_for_translation():
    text = (ROOT / "app" / "ui" / "common" / "core_strings.py").read_text(encoding="utf-8")
    wanted = list(ROLE_NAMES.values()) + list(SUBJECTS.values()) \
        + list(INSTITUTION_CATEGORIES.values())
    assert [w for w in wanted if f'"{w}"' not in text] == []


def test_no_string_is_left_untranslated(tmp_path):
    """Re-extract the strings from the code into a copy of the .ts: nothing new, nothing unfinished."""
    copy = tmp_path / "check.ts"
    shutil.copy(TS, copy)
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    files = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py"))
    r = subprocess.run([str(lupdate), "-source-language", "zh_CN", "-target-language", "en", *files,
                        "-ts", str(copy), "-no-obsolete"], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    unfinished = [m.find("source").text for m in ET.parse(copy).getroot().iter("message")
                  if m.find("translation").get("type") == "unfinished"
                  or not (m.find("translation").text or "").strip()]
    assert unfinished == [], f"untranslated: {unfinished[:20]} (run scripts/translations.sh and translate)"


def test_compiled_english_is_current():
    qm = TS.with_suffix(".qm")
    assert qm.exists() and qm.stat().st_size > 1000
