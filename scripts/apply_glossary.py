"""Fill unfinished entries of a .ts file from a JSON glossary {source: translation}.

Used when a batch of new UI strings lands; translators then refine in Qt Linguist.
    python scripts/apply_glossary.py resources/translations/examsite_en.ts glossary.json
"""

import json
import sys
import xml.etree.ElementTree as ET


def main(ts_path: str, glossary_path: str) -> int:
    glossary = json.load(open(glossary_path, encoding="utf-8"))
    tree = ET.parse(ts_path)
    missing = 0
    for message in tree.getroot().iter("message"):
        source = message.find("source").text
        tr = message.find("translation")
        if tr.get("type") == "unfinished" and source in glossary:
            tr.text = glossary[source]
            del tr.attrib["type"]
        elif tr.get("type") == "unfinished":
            missing += 1
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    print(f"{missing} entries still unfinished")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
