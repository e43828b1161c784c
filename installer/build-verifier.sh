#!/usr/bin/env bash
# Build the single-file verifier (dist/examsite-verify) and prove it on a real bundle:
# an untouched bundle passes, a bundle with one changed byte fails with one line.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh --test
.venv/bin/python -m pip install -q -e ".[build]"
start=$(date +%s)
.venv/bin/pyinstaller installer/verifier.spec --noconfirm --distpath dist --workpath build/verifier --log-level WARN
echo "verifier build time: $(( $(date +%s) - start )) s; size $(du -h dist/examsite-verify | cut -f1)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export EXAMSITE_PASSPHRASE=demo-site-2026
.venv/bin/examsite demo --site "$tmp/site" --candidates 5 > /dev/null
EXAMSITE_PASSWORD=Demo-admin-2026 .venv/bin/examsite export --site "$tmp/site" --out "$tmp/b.zip" > /dev/null
EXAMSITE_PASSWORD=Demo-neidu-2026 .venv/bin/examsite countersign "$tmp/b.zip" --seq 1 --site "$tmp/site" --user neidu > /dev/null
.venv/bin/examsite keys public --site "$tmp/site" --out "$tmp/keys.txt" > /dev/null
env -i PATH=/usr/bin:/bin dist/examsite-verify "$tmp/b.zip" --trust "$tmp/keys.txt"
python3 - "$tmp/b.zip" "$tmp/bad.zip" <<'PY'
import sys, zipfile
src, dst = sys.argv[1:]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
    for item in zin.infolist():
        data = zin.read(item)
        if item.filename.endswith("candidates.json") or item.filename.endswith("candidates.jsonl"):
            data = data.replace(b"DG2604", b"DG2605", 1)
        zout.writestr(item, data)
PY
if env -i PATH=/usr/bin:/bin dist/examsite-verify "$tmp/bad.zip" --trust "$tmp/keys.txt"; then
  echo "the verifier accepted a changed bundle" >&2; exit 1
fi
echo "verifier smoke test passed"
