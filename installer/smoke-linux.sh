#!/usr/bin/env bash
# Smoke-test a built program: version, a demo site made by the built program itself,
# and its login window on Xvfb (screenshot in dist/smoke-login.png).
set -euo pipefail
exe=${1:-dist/ExamSite/examsite}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
env -i PATH=/usr/bin:/bin HOME="$tmp" "$exe" --version
env -i PATH=/usr/bin:/bin HOME="$tmp" "$exe" demo --site "$tmp/site" --candidates 5 > /dev/null
env -i PATH=/usr/bin:/bin HOME="$tmp" EXAMSITE_PASSPHRASE=demo-site-2026 "$exe" journal verify --site "$tmp/site"
env -i PATH=/usr/bin:/bin HOME="$tmp" EXAMSITE_PASSPHRASE=demo-site-2026 \
    EXAMSITE_SMOKE_SCREENSHOT="$PWD/dist/smoke-login.png" \
    xvfb-run -a -s "-screen 0 1280x800x24" "$exe" gui --site "$tmp/site"
echo "smoke test passed: dist/smoke-login.png"
