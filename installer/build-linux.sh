#!/usr/bin/env bash
# Build the one-folder Linux program (dist/ExamSite) and check it: `--version` prints the
# version, and the login window really opens on the demo site under a virtual display.
#   bash installer/build-linux.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh --test
.venv/bin/python -m pip install -q -e ".[build]"
start=$(date +%s)
.venv/bin/pyinstaller installer/examsite.spec --noconfirm --distpath dist --workpath build --log-level WARN
built=$(date +%s)
tar -C dist -czf dist/ExamSite-linux-x86_64.tar.gz ExamSite
echo "build time: $((built - start)) s; folder $(du -sh dist/ExamSite | cut -f1); archive $(du -h dist/ExamSite-linux-x86_64.tar.gz | cut -f1)"
bash installer/smoke-linux.sh dist/ExamSite/examsite
