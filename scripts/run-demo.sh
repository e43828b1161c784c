#!/usr/bin/env bash
# Install what is missing, build the demo site (once) and open ExamSite on it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh
site=${EXAMSITE_DEMO_SITE:-demo-site}
if [ ! -f "$site/site.json" ]; then
  .venv/bin/examsite demo --site "$site"   # prints the accounts and saves them in $site.accounts.txt
fi
export EXAMSITE_PASSPHRASE=${EXAMSITE_PASSPHRASE:-demo-site-2026}
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  shot="$site-登录窗口.png"
  echo "这台电脑没有图形显示（没有 DISPLAY），窗口无法在这里显示。"
  echo "要看到并使用界面：在有桌面的电脑上运行本命令，或用 ssh -X 登录后再运行。"
  echo "现在在虚拟显示上打开一次，保存登录窗口的截图后退出：$shot"
  echo "（每个角色、每个工作台的截图：bash scripts/screenshots.sh）"
  export EXAMSITE_SMOKE_SCREENSHOT="$PWD/$shot"
  if command -v xvfb-run >/dev/null; then
    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m app --site "$site" "$@" || true
  else
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m app --site "$site" "$@" || true
  fi
  if [ -s "$shot" ]; then echo "截图已保存：$shot"; else echo "未能保存截图。"; fi
  exit 0
fi
exec .venv/bin/python -m app --site "$site" "$@"
