#!/usr/bin/env bash
# Refresh the translation sources from the code and compile them.
#   scripts/translations.sh          update resources/translations/*.ts and build *.qm
# zh_CN is the source language (Chinese in the code); English is a translation.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
BIN=$(dirname "$PY")
files=$(find app/ui -name '*.py' | sort)
"$BIN/pyside6-lupdate" -source-language zh_CN -target-language en $files -ts resources/translations/examsite_en.ts -no-obsolete
"$BIN/pyside6-lrelease" resources/translations/examsite_en.ts -qm resources/translations/examsite_en.qm
