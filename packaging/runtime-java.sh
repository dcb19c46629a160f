#!/bin/sh
# Prints the java that README's run path (packaging/run-from-source.sh) starts the app with, and the benchmark's
# bare-window baseline too (the same java, so the two are compared on one runtime):
#   1. BUILDX_LENS_JAVA, when set (a java binary: the user's explicit choice);
#   2. else a JDK 25 or later: the java on PATH, then JAVA_HOME's, then the newest under /usr/lib/jvm, because JDK
#      25's AOT cache (JEP 483, 514, 515) starts the app and its commands clearly faster than class-data archives
#      on older JDKs (the packaged command takes a JDK 25 runtime for the same reason);
#   3. else the java on PATH (JDK 17 or later).
# It reads the JDKs' `release` files rather than starting a JVM, with few processes: it runs before every start.
set -eu
# The major version in release file $1; 0 when unknown.
release_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1" 2>/dev/null | grep . || echo 0; }
if [ -n "${BUILDX_LENS_JAVA:-}" ]; then
  [ -x "$BUILDX_LENS_JAVA" ] || { echo "runtime-java.sh: BUILDX_LENS_JAVA=$BUILDX_LENS_JAVA is not an executable java" >&2; exit 2; }
  echo "$BUILDX_LENS_JAVA"
  exit 0
fi
on_path=$(command -v java || true)
if [ -n "$on_path" ]; then
  home=$(readlink -f "$on_path")
  home=${home%/bin/java}
  if [ "$(release_major "$home/release")" -ge 25 ]; then echo "$on_path"; exit 0; fi
fi
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(release_major "$JAVA_HOME/release")" -ge 25 ]; then
  echo "$JAVA_HOME/bin/java"
  exit 0
fi
# The highest major version under /usr/lib/jvm, first in name order among equals.
newest=$(grep -s -H '^JAVA_VERSION="' /usr/lib/jvm/*/release \
  | sed -n 's|^\(/usr/lib/jvm/[^/]*\)/release:JAVA_VERSION="\([0-9]*\).*|\2 \1|p' \
  | awk '$1 >= 25 && $1 > best { best = $1; home = $2 } END { if (home != "") print home }')
if [ -n "$newest" ] && [ -x "$newest/bin/java" ]; then echo "$newest/bin/java"; exit 0; fi
[ -n "$on_path" ] || { echo "run-from-source.sh: no java on PATH (JDK 17 or later)" >&2; exit 2; }
echo "$on_path"
