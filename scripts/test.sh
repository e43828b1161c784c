#!/usr/bin/env bash
# Install what is missing and run every test: the house rules (import contracts), ruff, then pytest
# (unit, integration on the real SQLCipher store, GUI offscreen, end-to-end processes).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/bootstrap.sh --test
export QT_QPA_PLATFORM=offscreen
echo "==> 架构规则 / import contracts"
.venv/bin/lint-imports --no-cache
echo "==> 代码检查 / ruff"
.venv/bin/ruff check app tests bench
echo "==> 测试 / tests"
# two workers (pytest-xdist): the suite in about 10 minutes on a 2-core machine instead of 20;
# EXAMSITE_TEST_WORKERS=0 runs it in one process (easier to read a failure)
# A test that hangs fails after 10 minutes with every thread's stack (pytest-timeout, pyproject);
# anything else that hangs (a worker that will not end) is stopped after an hour, loudly.
status=0
timeout --kill-after=60 "${EXAMSITE_TEST_LIMIT:-60m}" \
  .venv/bin/python -m pytest -q -p no:cacheprovider -n "${EXAMSITE_TEST_WORKERS:-2}" "$@" || status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "!!! 测试超时 / the tests did not finish within ${EXAMSITE_TEST_LIMIT:-60m}: stopped" >&2
fi
exit "$status"
