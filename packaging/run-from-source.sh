#!/bin/sh
# README's run path: starts the freshly built target/buildx-lens.jar the way the packaged command starts (C1 only,
# the serial collector; see packaging/package.sh for why), with a class-data archive of what its earlier runs loaded.
# `java -jar` cannot pass JVM options, and start-up is most of what a newcomer waits for.
#
# An archive per kind of run (the window, each subcommand, and --version/--help), each made at the end of the first run
# of its kind (JDK 19+: -XX:+AutoCreateSharedArchive; JDK 17: -XX:ArchiveClassesAtExit, written beside and renamed into
# place, so a run cut short leaves none). A rebuilt jar, new libraries or another java make them again. A missing or
# stale archive costs speed only: the JVM then loads classes as usual.
#
#   packaging/run-from-source.sh [buildx-lens arguments]     e.g. packaging/run-from-source.sh inspect
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/buildx-lens.jar"
[ -f "$jar" ] && [ -d "$root/target/lib" ] || { echo "run-from-source.sh: build first: mvn -B -q -DskipTests package" >&2; exit 2; }
java=$(command -v java) || { echo "run-from-source.sh: no java on PATH (JDK 17 or later)" >&2; exit 2; }
# The class path spelled out (the same on every run, as an archive requires), the app first.
classpath="$jar:$(ls "$root"/target/lib/*.jar | LC_ALL=C sort | paste -sd: -)"
case "${1:-}" in
  inspect|diagnose|fix|doctor|scenarios) kind=$1 ;;
  --version|-v|--help|-h|help) kind=short ;;
  *) kind=gui ;;
esac
archive="$root/target/cds/buildx-lens-$kind.jsa"
stamp="$archive.for"
identity="$(readlink -f "$java") $(ls -l --time-style=+%s "$jar" | awk '{print $6}') $(ls "$root"/target/lib | LC_ALL=C sort | cksum)"
options="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds=off -Xlog:cds+dynamic=off"
if [ -s "$archive" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$identity" ]; then
  # shellcheck disable=SC2086
  exec "$java" $options -XX:SharedArchiveFile="$archive" -cp "$classpath" dev.buildxlens.Launcher "$@"
fi
mkdir -p "$root/target/cds"
rm -f "$archive" "$stamp"
feature=$("$java" -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "AutoCreateSharedArchive" {print "auto"}')
tmp="$archive.$$"
status=0
if [ "$feature" = auto ]; then
  # shellcheck disable=SC2086
  "$java" $options -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$tmp" -cp "$classpath" dev.buildxlens.Launcher "$@" || status=$?
else
  # shellcheck disable=SC2086
  "$java" $options -XX:ArchiveClassesAtExit="$tmp" -cp "$classpath" dev.buildxlens.Launcher "$@" || status=$?
fi
# 0-3 are the app's own answers (1: findings, 2: bad input, 3: no engine), after which the JVM wrote the archive;
# a signal or a crash (128 and up) may have cut it short.
if [ "$status" -lt 128 ] && [ -s "$tmp" ]; then
  mv -f "$tmp" "$archive"
  printf '%s\n' "$identity" > "$stamp"
else
  rm -f "$tmp"
fi
exit "$status"
