#!/bin/sh
# Runs a validator as a one-test TAP stream. A missing tool is a missing peer:
# skipped, or a failure when TESS_REQUIRE_PEERS=1 (CI).
tool=$1
shift
echo "1..1"
if ! command -v "$tool" >/dev/null 2>&1; then
  if [ -n "$TESS_REQUIRE_PEERS" ] && [ "$TESS_REQUIRE_PEERS" != 0 ]; then
    echo "not ok 1 - $tool # required peer missing"
    exit 1
  fi
  echo "ok 1 - $tool # SKIP $tool is not installed"
  exit 0
fi
output=$("$tool" "$@" 2>&1)
status=$?
printf '%s\n' "$output" | sed 's/^/# /'
if [ $status -eq 0 ]; then
  echo "ok 1 - $tool $*"
else
  echo "not ok 1 - $tool $* (exit $status)"
fi
exit 0
