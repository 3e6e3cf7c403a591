#!/bin/sh
# Fails when a file under src/ with translatable strings (_(), N_(), C_(), NC_()
# in C, translatable="yes" in .ui) is missing from po/POTFILES.in, or when
# POTFILES.in lists a file that does not exist. TAP output.
srcdir=${1:?usage: check-potfiles.sh SOURCE_ROOT}
potfiles="$srcdir/po/POTFILES.in"
status=0

listed () {
  grep -v '^#' "$potfiles" | grep -qxF "$1"
}

echo "1..2"

missing=""
cd "$srcdir" || exit 1
for f in $( (grep -rlE '(^|[^A-Za-z0-9_])(N|C|NC)?_\(' src --include='*.c' --include='*.h';
             grep -rl 'translatable="yes"' src --include='*.ui') | sort -u); do
  if ! listed "$f"; then
    missing="$missing $f"
  fi
done
if [ -n "$missing" ]; then
  echo "not ok 1 - every file with translatable strings is in po/POTFILES.in"
  for f in $missing; do echo "# missing: $f"; done
  status=1
else
  echo "ok 1 - every file with translatable strings is in po/POTFILES.in"
fi

gone=""
for f in $(grep -v '^#' "$potfiles" | grep -v '^$'); do
  [ -f "$f" ] || gone="$gone $f"
done
if [ -n "$gone" ]; then
  echo "not ok 2 - every file in po/POTFILES.in exists"
  for f in $gone; do echo "# no such file: $f"; done
  status=1
else
  echo "ok 2 - every file in po/POTFILES.in exists"
fi
exit $status
