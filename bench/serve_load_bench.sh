#!/usr/bin/env bash
# serve_load_bench: the load test (tests/serve_load_test.cc) at benchmark
# scale — readers on keep-alive connections against the real `wirepress
# serve` while stories land in the inbox and arrive by push — printing
# ingest rate, read req/s and read latency p50/p99; it still fails on any
# error, lost or duplicated story (issue 6).
#
#   cmake --build build --target serve_load_test wirepress
#   bench/serve_load_bench.sh build/tests/serve_load_test
#
# Environment: STORIES per source (default 1000), READERS (default 8),
# GAP_MS between two drops / pushes (default 0: as fast as they go).
set -euo pipefail
test_bin="${1:-build/tests/serve_load_test}"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
rc=0
WIREPRESS_LOAD_STORIES="${STORIES:-1000}" WIREPRESS_LOAD_READERS="${READERS:-8}" \
  WIREPRESS_LOAD_GAP_MS="${GAP_MS:-0}" "$test_bin" --gtest_brief=1 >"${TMPDIR:-/tmp}/serve_load_bench.log" 2>&1 || rc=$?
grep -E "serve_load:|Failure|FAILED" -A3 "${TMPDIR:-/tmp}/serve_load_bench.log" | head -60
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg); exit $rc"
exit "$rc"
