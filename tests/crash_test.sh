#!/usr/bin/env bash
# Crash test (issue 4): `wirepress serve` is killed with SIGKILL at random
# moments while it ingests a backlog of generated ninjs stories plus
# updates of some of them, and restarted each time. At the end:
#   - every story is live exactly once (count of live stories == distinct uris),
#   - every update was applied and counted once (revisions),
#   - the inbox is empty, failed/ holds nothing, processed/ holds every
#     input file exactly once,
#   - the database passes PRAGMA integrity_check,
#   - the restarted server answers its home page and an updated story's page.
#
# Usage: tests/crash_test.sh path/to/wirepress
# Knobs (environment): CRASH_STORIES (3000), CRASH_UPDATES (300),
# CRASH_KILLS (5), CRASH_SEED (random; printed, so a failure can be rerun).
# Runs on 127.0.0.1 only; bounded: KILLS+1 server runs, each at most 30 s.
set -euo pipefail

BIN=$(realpath "$1")
STORIES=${CRASH_STORIES:-3000}
UPDATES=${CRASH_UPDATES:-300}
KILLS=${CRASH_KILLS:-5}
SEED=${CRASH_SEED:-$$}
RANDOM=$SEED
echo "crash_test: $STORIES stories, $UPDATES updates, $KILLS kills, CRASH_SEED=$SEED"

WORK=$(mktemp -d)
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then kill -9 "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'echo "crash_test: FAIL: line $LINENO exited $?" >&2' ERR
DATA=$WORK/data
INBOX=$DATA/inbox
DB=$DATA/site.db
mkdir -p "$INBOX" "$WORK/gen"
cat >"$WORK/wirepress.toml" <<EOF
data_dir = "$DATA"
log_level = "error"
EOF

fail() { echo "crash_test: FAIL: $*" >&2; exit 1; }

# generate FIRST LAST VERSION PREFIX DIR: one ninjs file per story id.
generate() {
  awk -v first="$1" -v last="$2" -v version="$3" -v prefix="$4" -v dir="$5" 'BEGIN {
    suffix = (version == 1) ? "" : " updated"
    for (i = first; i <= last; i++) {
      f = sprintf("%s/%s-%05d.json", dir, prefix, i)
      printf("{\"uri\": \"urn:crash:%d\", \"version\": \"%d\", ", i, version) > f
      printf("\"versioncreated\": \"2026-01-0%dT10:00:00Z\", ", version) > f
      printf("\"firstcreated\": \"2026-01-01T10:00:00Z\", \"source\": \"CT\", ") > f
      printf("\"headline\": \"Crash story %d%s\", ", i, suffix) > f
      printf("\"body_html\": \"<p>Paragraph one of story %d%s.</p>", i, suffix) > f
      printf("<p>Paragraph two keeps the page honest.</p>\"}\n") > f
      close(f)
    }
  }'
}

# Updates of stories 1..UPDATES arrive while the second server runs,
# renamed into the inbox as an agency's SFTP would.
generate 1 "$STORIES" 1 story "$INBOX"
generate 1 "$UPDATES" 2 update "$WORK/gen"
TOTAL=$((STORIES + UPDATES))

# A free loopback port: the kernel picks one for a socket we close at once.
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
URL=http://127.0.0.1:$PORT
start_server() {
  "$BIN" --config "$WORK/wirepress.toml" --store "sqlite:$DB" serve --bind 127.0.0.1 --port "$PORT" \
    >"$WORK/serve.out" 2>>"$WORK/serve.err" &
  PID=$!
}
sql() { sqlite3 "$DB" "$1"; }
# Stories in the database (0 before the first server created it).
stored_count() { if [[ -f "$DB" ]]; then sql "SELECT count(*) FROM stories" 2>/dev/null || echo 0; else echo 0; fi; }
processed_count() { { find "$DATA/processed" -type f 2>/dev/null || true; } | wc -l; }

mid_ingest_kills=0  # kills that hit a server with progress made and work left
prev=0
for ((k = 1; k <= KILLS; k++)); do
  start_server
  if ((k == 2)); then mv "$WORK"/gen/*.json "$INBOX"/; fi  # renames: atomic per file
  if ((k == 1)); then
    # During start-up and the first batches: 10..200 ms.
    sleep "0.$(printf '%03d' $((10 + RANDOM % 190)))"
  else
    # After a random further 1..700 files have been processed (at most 10 s).
    target=$((prev + 1 + RANDOM % 700))
    for ((i = 0; i < 500; i++)); do
      (($(processed_count) >= target)) && break
      sleep 0.02
    done
    # A batch's moves have just landed; 0..99 ms more puts the kill anywhere
    # in the next one: reading, parsing, inside the commit, or between the
    # commit and the moves (committed files still in the inbox).
    sleep "0.0$(printf '%02d' $((RANDOM % 100)))"
  fi
  kill -9 "$PID"
  wait "$PID" 2>/dev/null || true
  PID=""
  after=$(processed_count)
  left=$(find "$INBOX" -type f | wc -l)
  echo "crash_test: kill $k: $after of $TOTAL files processed, $left in the inbox," \
    "$(stored_count) stories committed"
  if ((left > 0 && after > prev)); then mid_ingest_kills=$((mid_ingest_kills + 1)); fi
  prev=$after
done
((mid_ingest_kills > 0)) || fail "no kill landed while files were still waiting"

# Last run: let it drain the inbox, then check the pages over HTTP.
start_server
for ((i = 0; i < 300; i++)); do
  (($(find "$INBOX" -type f | wc -l) == 0)) && break
  sleep 0.1
done
left=$(find "$INBOX" -type f | wc -l)
((left == 0)) || fail "$left files still in the inbox after 30 s"

live=$(sql "SELECT count(*) FROM stories WHERE state = 'live'")
rows=$(sql "SELECT count(*) FROM stories")
revs=$(sql "SELECT coalesce(sum(revisions), 0) FROM stories")
history=$(sql "SELECT count(*) FROM revisions")
updated=$(sql "SELECT count(*) FROM stories WHERE headline LIKE '% updated' AND revisions = 2")
indexed=$(sql "SELECT count(*) FROM stories_fts")
check=$(sql "PRAGMA integrity_check")
fts=$(sql "INSERT INTO stories_fts(stories_fts) VALUES('integrity-check')" 2>&1 || true)
processed=$(find "$DATA/processed" -type f | wc -l)
distinct=$(find "$DATA/processed" -type f -printf '%f\n' | sort -u | wc -l)
suffixed=$(find "$DATA/processed" -type f -name '*.json.*' | wc -l)
failed=$({ find "$DATA/failed" -type f 2>/dev/null || true; } | wc -l)
echo "crash_test: live=$live rows=$rows revisions=$revs history=$history updated=$updated" \
  "processed=$processed failed=$failed integrity=$check"

((live == STORIES)) || fail "$live live stories, expected $STORIES"
((rows == STORIES)) || fail "$rows stories stored, expected $STORIES"
((revs == TOTAL)) || fail "revisions sum to $revs, expected $TOTAL"
((history == TOTAL)) || fail "$history versions in history, expected $TOTAL"
((updated == UPDATES)) || fail "$updated updated stories, expected $UPDATES"
[[ "$check" == "ok" ]] || fail "integrity_check: $check"
[[ -z "$fts" ]] || fail "FTS integrity-check: $fts"
((indexed == STORIES)) || fail "$indexed stories in the search index, expected $STORIES"
((processed == TOTAL && distinct == TOTAL && suffixed == 0)) ||
  fail "processed/ holds $processed files ($distinct names, $suffixed suffixed), expected $TOTAL"
((failed == 0)) || fail "$failed files in failed/: $(find "$DATA/failed" -type f | head -3)"

home=$(curl -sf "$URL/") || fail "home page did not answer"
[[ "$home" == *"</html>"* ]] || fail "home page is not a whole page"
path=$(sql "SELECT path FROM stories WHERE uri = 'urn:crash:1'")
page=$(curl -sf "$URL$path") || fail "page $path did not answer"
[[ "$page" == *"Crash story 1 updated"* && "$page" == *"</html>"* ]] ||
  fail "page $path is not the updated, whole page"

kill -TERM "$PID"
wait "$PID" 2>/dev/null || true
PID=""
echo "crash_test: 1 passed, 0 failed"
