#!/usr/bin/env bash
# Fails when a file under src/ includes a header from a layer it may not
# depend on. The allowed edges are the same as the target_link_libraries in
# each src/<layer>/CMakeLists.txt and doc/architecture.md.
set -euo pipefail
src="${1:-$(dirname "$0")/../src}"
cd "$src"

allowed() {  # allowed <layer>  → space-separated include roots it may use
  case "$1" in
    base) echo "base" ;;
    model) echo "model base" ;;
    formats) echo "formats model base" ;;
    formats/*) echo "$1 formats model base" ;;
    store) echo "store model base" ;;
    store/*) echo "$1 store model base" ;;
    ingest) echo "ingest formats store model base" ;;
    publish) echo "publish store model base" ;;
    server) echo "server publish ingest store model base" ;;
    testing) echo "testing store model base" ;;
    cli) echo "*" ;;
    *) echo "" ;;
  esac
}

layer_of() {  # layer_of <path relative to src>
  local dir; dir=$(dirname "$1")
  case "$dir" in
    formats/*|store/*) echo "${dir%%/*}/$(echo "$dir" | cut -d/ -f2)" ;;
    *) echo "${dir%%/*}" ;;
  esac
}

status=0
while IFS= read -r file; do
  layer=$(layer_of "$file")
  ok=$(allowed "$layer")
  [ "$ok" = "*" ] && continue
  # Tests and benchmarks may also use the shared fixtures and the in-memory
  # store (STYLE.md: tests run on store/memory, a FakeClock and a memory FS).
  case "$file" in *_test.cc|*_bench.cc) ok="$ok testing store/memory $(echo "$layer" | cut -d/ -f1)/*" ;; esac
  while IFS= read -r inc; do
    target=$(layer_of "$inc")
    good=0
    for a in $ok; do
      # shellcheck disable=SC2053
      if [[ "$target" == $a ]] || [[ "$target" == "$a" ]]; then good=1; break; fi
    done
    if [ $good = 0 ]; then
      echo "$file: includes \"$inc\" but layer '$layer' may only use: $ok" >&2
      status=1
    fi
  done < <(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$file")
done < <(find . -name '*.h' -o -name '*.cc' | sed 's|^\./||' | sort)

if [ $status = 0 ]; then echo "layering: all includes follow the allowed edges"; fi
exit $status
