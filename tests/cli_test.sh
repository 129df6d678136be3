#!/usr/bin/env bash
# CLI script tests: each case runs `wirepress` with arguments and checks
# its exit code, stdout and the files it leaves. Usage: cli_test.sh BINARY
set -euo pipefail
wp="$(realpath "$1")"  # absolute: the tests run in a temporary folder
here="$(cd "$(dirname "$0")" && pwd)"
example="$here/../../shared/examples/syndicated-story-page.txt"
tmp="$(mktemp -d /tmp/wirepress-cli-XXXXXX)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"  # no stray ./wirepress.toml is picked up
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
expect_code() {  # expect_code CODE CMD...
  local want="$1"; shift
  local got=0
  "$@" >"$tmp/out" 2>"$tmp/err" || got=$?
  [ "$got" = "$want" ] || fail "$* exited $got, expected $want: $(cat "$tmp/err")"
}
expect_out() {  # expect_out TEXT: stdout of the last command contains TEXT
  grep -qF -- "$1" "$tmp/out" || fail "stdout lacks '$1': $(head -c 400 "$tmp/out")"
}
expect_err() {
  grep -qF -- "$1" "$tmp/err" || fail "stderr lacks '$1': $(head -c 400 "$tmp/err")"
}

# --help works at the top and for every subcommand.
expect_code 0 "$wp" --help
for cmd in parse ingest serve export search kill hold release replay; do
  expect_out "$cmd"
done
for cmd in parse ingest serve export search kill hold release replay; do
  expect_code 0 "$wp" "$cmd" --help
  expect_out "Usage:"
done
expect_code 2 "$wp" no-such-command

# parse: one JSON line with the fields of the example.
expect_code 0 "$wp" parse "$example"
[ "$(wc -l <"$tmp/out")" = 1 ] || fail "parse printed $(wc -l <"$tmp/out") lines, expected 1"
python3 - "$tmp/out" <<'PY' || fail "parse JSON does not match the example"
import json, sys
story = json.loads(open(sys.argv[1]).read())
want = {
    "headline": "Pompeo Says Agreed with Putin on Syria Progress",
    "located": "Sochi", "agency": "AFP", "format": "plain-text", "type": "text",
    "pubstatus": "usable",
    "dateline": {"place": "Sochi", "country": "Russia", "date": "May 15", "agency": "AFP"},
}
for key, value in want.items():
    assert story.get(key) == value, (key, story.get(key))
body = story["body_html"]
lead = "The United States and Russia have agreed on ways to break a deadlock"
assert body.count(lead) == 1, "lead kept once"
assert body.startswith("<p>"), body[:40]
assert "Share Now" not in body and "(File Image)" not in body
assert body.rstrip().endswith("meeting with Putin.</p>"), body[-80:]
assert story["uri"]
PY

# parse: an unreadable input fails with exit 1 and names the file.
printf '\x00\x01\x02 garbage' >"$tmp/garbage.bin"
expect_code 1 "$wp" parse "$example" "$tmp/garbage.bin"
expect_err "$tmp/garbage.bin: format not recognised"
expect_out "Pompeo Says"  # the good file still printed

# ingest → search → kill on a SQLite store in a temporary data folder.
data="$tmp/data"
expect_code 0 "$wp" --data "$data" ingest "$example"
expect_out "created"
expect_code 0 "$wp" --data "$data" ingest "$example"
expect_out "unchanged"
expect_code 0 "$wp" --data "$data" search putin syria
expect_out "Pompeo Says Agreed with Putin"
path="$(cut -f1 "$tmp/out" | head -1)"
expect_code 1 "$wp" --data "$data" search nosuchwordanywhere
expect_code 0 "$wp" --data "$data" export --out "$tmp/public"
[ -f "$tmp/public/index.html" ] || fail "export wrote no index.html"
[ -f "$tmp/public/rss.xml" ] || fail "export wrote no rss.xml"
grep -qF "Pompeo Says" "$tmp/public$path/index.html" || fail "export lacks the story page"
expect_code 0 "$wp" --data "$data" hold "$path"
expect_out "held"
expect_code 1 "$wp" --data "$data" search putin syria
expect_code 0 "$wp" --data "$data" release "$path"
expect_out "created"
expect_code 0 "$wp" --data "$data" search putin syria
expect_out "Pompeo Says Agreed with Putin"
expect_code 0 "$wp" --data "$data" kill "$path" --reason "legal"
expect_out "killed"
expect_code 1 "$wp" --data "$data" kill /no/such/story --reason x
expect_err "NotFound"
expect_code 1 "$wp" --data "$data" search putin syria

# NewsML 1.2: the guid ends in the revision. hold/release/kill take the
# guid the agency and `wirepress parse` show, and print the story's key,
# which the next command takes as it is.
newsml="$here/../../shared/corpus/wire/newsml-1.2/afp.xml"
guid="urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86:1"
key="urn:newsml:afp.com:20140829T135002Z:TX-PAR-FXW86"
expect_code 0 "$wp" --data "$data" ingest "$newsml"
expect_out "created"
expect_code 0 "$wp" --data "$data" hold "$guid" --reason "check"
expect_out "held"
[ "$(cut -f3 "$tmp/out")" = "$key" ] || fail "hold printed '$(cut -f3 "$tmp/out")', expected the key"
expect_code 0 "$wp" --data "$data" release "$(cut -f3 "$tmp/out")"
expect_out "created"
expect_code 0 "$wp" --data "$data" kill "$key:2" --reason "legal"
expect_out "killed	"
expect_code 1 "$wp" --data "$data" kill "urn:newsml:afp.com:20140829T135002Z:TX-NONE:1" --reason x
expect_err "NotFound: killing story urn:newsml:afp.com:20140829T135002Z:TX-NONE:1: no such story"
expect_code 0 "$wp" kill --help
expect_out "the agency guid of any of its versions"

# replay: a failed input goes back to the inbox; its reason is kept.
mkdir -p "$data/failed"
echo junk >"$data/failed/x.txt"
echo "x.txt:1:1: broken" >"$data/failed/x.txt.reason.txt"
expect_code 0 "$wp" --data "$data" replay --list
expect_out "x.txt:1:1: broken"
expect_code 0 "$wp" --data "$data" replay x.txt
[ -f "$data/inbox/x.txt" ] || fail "replay did not move x.txt to the inbox"
ls "$data/failed/replayed/" | grep -q '^x.txt\..*\.reason\.txt$' || fail "reason not kept"
expect_code 1 "$wp" --data "$data" replay x.txt

# A config error names the file, line and key.
printf '[server]\nprot = 1\n' >"$tmp/bad.toml"
expect_code 1 "$wp" --config "$tmp/bad.toml" search x
expect_err "bad.toml:2:8: server.prot: unknown key"

if [ "$failures" -gt 0 ]; then echo "$failures CLI check(s) failed" >&2; exit 1; fi
echo "cli_test: all checks passed"
