#!/usr/bin/env bash
# A PNG of every workplace of every role, on the demo site after a simulated exam day
# (`examsite demo --full`), at 1366×768 and 1920×1080.
#   bash scripts/screenshots.sh [OUT_DIR]        default OUT_DIR: screenshots/
# Writes OUT_DIR/1366x768/<role>-<nn>-<workplace>.png and OUT_DIR/1920x1080/…; the day's site is kept
# in OUT_DIR/day-site (delete it to simulate a new day).  No screen needed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PYTHON:-}" ] && [ ! -x .venv/bin/python ]; then
  source scripts/bootstrap.sh
fi
PY=${PYTHON:-.venv/bin/python}
out=${1:-screenshots}
mkdir -p "$out"
site="$out/day-site"
if [ ! -f "$site/site.json" ]; then
  echo "模拟一个考试日（约两分钟）：$site"
  rm -rf "$site" "$out/day-site-演练"
  "$PY" -m app demo --full --site "$site" --out "$out/day-site-演练" > "$out/demo-full.log"
fi
QT_QPA_PLATFORM=${QT_QPA_PLATFORM:-offscreen} "$PY" -m app.ui.tour --site "$site" --out "$out" \
  --sizes "${EXAMSITE_SCREEN_SIZES:-1366x768,1920x1080}"
