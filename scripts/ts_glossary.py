"""Collect finished translations from .ts files (paths or git revisions) into one JSON glossary.

    python scripts/ts_glossary.py out.json FILE_OR_REV:PATH ...
Used when branches that each added strings are merged: regenerate the .ts from the code,
then scripts/apply_glossary.py fills it from what every branch translated.
"""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET


def read(spec: str) -> bytes:
    if ":" in spec and not spec.startswith("/"):
        return subprocess.run(["git", "show", spec], capture_output=True, check=True).stdout
    return open(spec, "rb").read()


def main(out: str, *specs: str) -> int:
    glossary: dict[str, str] = {}
    for spec in specs:
        try:
            root = ET.fromstring(read(spec))
        except (subprocess.CalledProcessError, ET.ParseError, FileNotFoundError) as exc:
            print(f"skip {spec}: {exc}", file=sys.stderr)
            continue
        for m in root.iter("message"):
            tr = m.find("translation")
            text = (tr.text or "").strip() if tr is not None else ""
            if text and tr.get("type") != "unfinished":
                glossary.setdefault(m.find("source").text, tr.text)
    json.dump(glossary, open(out, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
    print(f"{len(glossary)} translations")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
