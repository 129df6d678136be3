#!/usr/bin/env bash
# Installs everything wirepress needs to build, run and test on Debian 12.
# Idempotent; run as root (or with sudo available). Safe to re-run.
set -euo pipefail

PACKAGES=(
  # toolchain
  build-essential cmake ninja-build ccache pkg-config git clang-14 libclang-rt-14-dev
  # libraries (see README "Dependencies" for why each one)
  libpugixml-dev nlohmann-json3-dev libsqlite3-dev libpq-dev
  libmicrohttpd-dev libcurl4-openssl-dev libkainjow-mustache-dev
  libicu-dev libgumbo-dev libxxhash-dev libcli11-dev libtomlplusplus-dev
  zlib1g-dev libbrotli-dev libargon2-dev libgmime-3.0-dev libspdlog-dev
  # tests and benchmarks
  libgtest-dev libgmock-dev libbenchmark-dev
  postgresql nginx chromium chromium-driver wrk python3 python3-feedparser curl sqlite3
  python3-pil hugo  # browser_test screenshots; export_bench compares with Hugo
)

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
echo "setup: all packages present"
