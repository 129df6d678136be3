#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ with clang + ASan/UBSan and runs
# each on seeds from the wire corpus.
#   tools/fuzz.sh [seconds-per-target] [runs-per-target]
# With runs > 0 (the default, 20000) every run starts from the seeds alone
# with a fixed seed, so CI and a developer see the same inputs and a CI
# failure reproduces locally; seconds is then only a cap. runs=0 fuzzes for
# the whole time with a random seed and keeps the grown corpus.
# A crash leaves its input in build-fuzz/crashes/<target>/ and fails.
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir="$(pwd)"
secs="${1:-15}"
runs="${2:-20000}"
corpus="${WIREPRESS_CORPUS_DIR:-$(pwd)/../shared/corpus/wire}"
build=build-fuzz

cmake -S . -B "$build" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWIREPRESS_BUILD_FUZZERS=ON -DBUILD_TESTING=OFF \
  -DWIREPRESS_BUILD_BENCH=OFF -DWIREPRESS_WITH_POSTGRES=OFF >/dev/null
targets=$(cd fuzz && ls ./*_fuzzer.cc | sed 's|^\./||; s|\.cc$||')
# shellcheck disable=SC2086
cmake --build "$build" -j2 --target $targets

seeds_for() {  # seeds_for <target> → seed folders (the corpus is read only)
  case "$1" in
    anpa1312_fuzzer) echo "$corpus/anpa1312" ;;
    ap_media_fuzzer) echo "$corpus/ap-media-json" ;;
    email_fuzzer) echo "$corpus/email-rfc822" ;;
    iptc7901_fuzzer) echo "$corpus/iptc7901" ;;
    newsml_1_fuzzer) echo "$corpus/newsml-1.2" ;;
    newsml_g2_fuzzer) echo "$corpus/newsml-g2" ;;
    ninjs_fuzzer) echo "$corpus/ninjs $corpus/bbc-ldrs-json" ;;
    nitf_fuzzer) echo "$corpus/nitf" ;;
    plain_text_fuzzer) echo "$(pwd)/../shared/examples" ;;
    ritzau_fuzzer) echo "$corpus/ritzau-xml" ;;
    syndication_fuzzer) echo "$corpus/rss-atom" ;;
    json_feed_fuzzer) echo "$root_dir/fuzz/seeds/json_feed" ;;
    html_sanitizer_fuzzer) echo "$corpus/rss-atom $corpus/nitf" ;;
  esac
}

status=0
for t in $targets; do
  [ -x "$build/fuzz/$t" ] || continue
  work="$build/fuzz-corpus/$t"; crashes="$build/crashes/$t"
  if [ "$runs" != 0 ]; then
    rm -rf "$work"
    mode=(-seed=1 -runs="$runs")
  else
    mode=()
  fi
  mkdir -p "$work" "$crashes"
  # shellcheck disable=SC2046
  if "$build/fuzz/$t" "${mode[@]}" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
       -max_len=262144 -artifact_prefix="$crashes/" -print_final_stats=0 \
       "$work" $(seeds_for "$t") >"$build/$t.log" 2>&1; then
    echo "fuzz: $t ok ($(grep -Eo 'Done [0-9]+ runs' "$build/$t.log" || echo "${secs}s"))"
  else
    echo "fuzz: $t FAILED — see $build/$t.log and $crashes/" >&2
    tail -30 "$build/$t.log" >&2
    status=1
  fi
done
exit $status
