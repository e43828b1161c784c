#!/usr/bin/env bash
# Install what is missing, build the demo site (once) and open ExamSite on it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
site=${EXAMSITE_DEMO_SITE:-demo-site}
if [ ! -f "$site/site.json" ]; then
  .venv/bin/examsite demo --site "$site" | tee "$site.accounts.txt"
  echo "（演示账户也已写入 $site.accounts.txt）"
fi
export EXAMSITE_PASSPHRASE=${EXAMSITE_PASSPHRASE:-demo-site-2026}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "没有图形显示：在虚拟显示 (Xvfb) 上启动 / no display: starting on a virtual X display"
  exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m app --site "$site" "$@"
fi
exec .venv/bin/python -m app --site "$site" "$@"
