#!/usr/bin/env bash
# Headless Chromium over a live `wirepress serve`: screenshots at desktop
# and phone sizes and the rendered DOM. See browser_test.py. Usage:
# browser_test.sh WIREPRESS_BINARY
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec /usr/bin/python3 "$here/browser_test.py" "$(realpath "$1")"
