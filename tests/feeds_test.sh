#!/usr/bin/env bash
# Feeds through feedparser and sitemaps against the protocol, over a live
# `wirepress serve`. See feeds_test.py. Usage:
# feeds_test.sh WIREPRESS_BINARY
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec /usr/bin/python3 "$here/feeds_test.py" "$(realpath "$1")"
