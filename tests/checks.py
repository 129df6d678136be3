"""Soft assertions for the Python end-to-end tests: check() records a
failure and goes on, so one run reports every broken expectation; the
script exits non-zero at the end when `failures` is not empty."""

import sys

failures = []


def check(ok, message):
    if not ok:
        failures.append(message)
        print("FAIL: " + message, file=sys.stderr)
    return ok
