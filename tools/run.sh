#!/usr/bin/env bash
# The first README command: sets up a fresh Debian 12 machine, builds
# wirepress, seeds the inbox with the sample wire files (once) and serves
# the live site on http://127.0.0.1:8080 with its data in ./data (SQLite).
# Ctrl-C stops it cleanly. Drop more wire files into data/inbox/ while it
# runs and they are live within milliseconds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${WIREPRESS_BUILD_DIR:-$root/build}"
shared="$root/../shared"
cd "$root"

"$root/tools/setup.sh"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j "$(nproc)" --target wirepress

# Seed once: the samples go through the inbox like any agency file, so a
# newcomer sees the spool at work (and failed/ shows what is not yet read).
mkdir -p data/inbox
if [ ! -e data/.seeded ]; then
  n=0
  for f in "$shared"/corpus/wire/*/* "$shared"/examples/*; do
    [ -f "$f" ] || continue
    folder="$(basename "$(dirname "$f")")"
    # Prefix with the sample's folder: names repeat across formats.
    cp "$f" "data/inbox/.seed-tmp"
    mv "data/inbox/.seed-tmp" "data/inbox/${folder}-$(basename "$f")"
    n=$((n + 1))
  done
  touch data/.seeded
  echo "run: seeded data/inbox with $n sample wire files"
fi

exec "$build/wirepress" --config "$root/wirepress.toml" serve --bind 127.0.0.1 --port 8080
