#!/usr/bin/env bash
# Install what is missing, and nothing else: Debian packages (Qt's libraries, a CJK font,
# test tools), a virtual environment in .venv with the pinned Python packages.
# Sourced by scripts/run-demo.sh and scripts/test.sh.  Safe to run again.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

want_test=${1:-}
debs=(fonts-wqy-microhei libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0
      libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
      libxcb-render-util0 libxcb-image0 libxcb-xfixes0 libxcb-xkb1 libx11-xcb1 xvfb xauth)
if [ "$want_test" = "--test" ]; then
  debs+=(poppler-utils ffmpeg fuse3)  # fuse3: the power-cut tests' filesystem
fi
if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  debs+=(python3-venv)
fi
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${debs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> 安装系统软件包 / installing Debian packages: ${missing[*]}"
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), "ExamSite needs Python 3.11 or newer"'
if [ ! -x .venv/bin/python ]; then
  echo "==> 创建虚拟环境 / creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.examsite-installed
extras=""
[ "$want_test" = "--test" ] && extras="[test]"
want="$(sha256sum pyproject.toml | cut -c1-64)$extras"
if [ ! -f "$stamp" ] || ! grep -qxF "$want" "$stamp"; then
  echo "==> 安装 Python 依赖 / installing pinned Python packages"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".$extras"
  echo "$want" >> "$stamp"
fi
