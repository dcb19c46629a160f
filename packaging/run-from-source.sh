#!/bin/sh
# README's run path: starts the freshly built target/buildx-lens.jar the way the packaged command starts (C1 only,
# the serial collector; see packaging/package.sh for why), with a start-up cache of what its earlier runs loaded.
# `java -jar` cannot pass JVM options, and start-up is most of what a newcomer waits for. The java is the one
# packaging/runtime-java.sh names: a JDK 25+ when the machine has one (its AOT cache starts faster), else PATH's.
#
# A cache per kind of run (the window, each subcommand, and --version/--help), each made at the end of the first run
# of its kind: on JDK 25+ an AOT cache (-XX:AOTCacheOutput: classes loaded and linked, with profiles; JEP 483, 514,
# 515), on JDK 19-24 a dynamic CDS archive (-XX:+AutoCreateSharedArchive), on JDK 17 -XX:ArchiveClassesAtExit, written
# beside and renamed into place, so a run cut short leaves none. A rebuilt jar, new libraries or another java make
# them again. A missing or stale cache costs speed only: the JVM then loads classes as usual.
#
#   packaging/run-from-source.sh [buildx-lens arguments]     e.g. packaging/run-from-source.sh inspect
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
jar="$root/target/buildx-lens.jar"
[ -f "$jar" ] && [ -d "$root/target/lib" ] || { echo "run-from-source.sh: build first: mvn -B -q -DskipTests package" >&2; exit 2; }
# BUILDX_LENS_JAVA, else a JDK 25+ (PATH, JAVA_HOME, /usr/lib/jvm) for its AOT cache, else the java on PATH.
java=$(sh "$root/packaging/runtime-java.sh") || exit 2
# The class path spelled out (the same on every run, as an archive requires), the app first.
classpath="$jar:$(ls "$root"/target/lib/*.jar | LC_ALL=C sort | paste -sd: -)"
case "${1:-}" in
  inspect|diagnose|fix|doctor|scenarios) kind=$1 ;;
  --version|-v|--help|-h|help) kind=short ;;
  *) kind=gui ;;
esac
identity="$(readlink -f "$java") $(ls -l --time-style=+%s "$jar" | awk '{print $6}') $(ls "$root"/target/lib | LC_ALL=C sort | cksum)"
options="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:cds=off -Xlog:cds+dynamic=off"
# What this java can make, asked once per java and remembered beside the caches.
mkdir -p "$root/target/cds"
features="$root/target/cds/features"
if [ ! -f "$features" ] || [ "$(head -1 "$features")" != "$(readlink -f "$java")" ]; then
  { readlink -f "$java"
    "$java" -XX:+PrintFlagsFinal -version 2>/dev/null | awk '$2 == "AOTCacheOutput" {print "aot"} $2 == "AutoCreateSharedArchive" {print "auto"}'
  } > "$features.$$" && mv -f "$features.$$" "$features"
fi
if grep -qx aot "$features"; then
  feature=aot
  archive="$root/target/cds/buildx-lens-$kind.aot"
  # JDK 24+ warns on stderr about JavaFX's native libraries and its sun.misc.Unsafe memory access unless allowed.
  options="$options -Xlog:aot=off --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
elif grep -qx auto "$features"; then
  feature=auto
  archive="$root/target/cds/buildx-lens-$kind.jsa"
else
  feature=dump
  archive="$root/target/cds/buildx-lens-$kind.jsa"
fi
stamp="$archive.for"
if [ -s "$archive" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$identity" ]; then
  if [ "$feature" = aot ]; then use="-XX:AOTCache=$archive"; else use="-XX:SharedArchiveFile=$archive"; fi
  # shellcheck disable=SC2086
  exec "$java" $options $use -cp "$classpath" dev.buildxlens.Launcher "$@"
fi
rm -f "$archive" "$stamp"
tmp="$archive.$$"
status=0
case "$feature" in
  # Recorded by this run, then made by a second JVM (about two seconds), quietly: -XX:AOTCacheOutput would do both,
  # but its second JVM prints on stderr and stdout. The recording JVM itself prints " AOTConfiguration recorded: ..."
  # on stdout at exit whatever -Xlog says (JDK 25), which would break `inspect --format json` on its first run:
  # -XX:-DisplayVMOutput keeps the VM's own lines (this one, and its warnings) off this one run's output.
  aot) # shellcheck disable=SC2086
       "$java" $options -XX:+UnlockDiagnosticVMOptions -XX:-DisplayVMOutput -XX:AOTMode=record \
         -XX:AOTConfiguration="$tmp.config" -cp "$classpath" dev.buildxlens.Launcher "$@" \
         || status=$?
       if [ "$status" -lt 128 ] && [ -s "$tmp.config" ]; then
         # shellcheck disable=SC2086
         "$java" $options -XX:AOTMode=create -XX:AOTConfiguration="$tmp.config" -XX:AOTCache="$tmp" -cp "$classpath" \
           >/dev/null 2>&1 || rm -f "$tmp"
       fi
       rm -f "$tmp.config" ;;
  auto) # shellcheck disable=SC2086
       "$java" $options -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$tmp" -cp "$classpath" dev.buildxlens.Launcher "$@" \
         || status=$? ;;
  *)   # shellcheck disable=SC2086
       "$java" $options -XX:ArchiveClassesAtExit="$tmp" -cp "$classpath" dev.buildxlens.Launcher "$@" || status=$? ;;
esac
# 0-3 are the app's own answers (1: findings, 2: bad input, 3: no engine), after which the JVM wrote the archive;
# a signal or a crash (128 and up) may have cut it short.
if [ "$status" -lt 128 ] && [ -s "$tmp" ]; then
  mv -f "$tmp" "$archive"
  printf '%s\n' "$identity" > "$stamp"
else
  rm -f "$tmp"
fi
exit "$status"
