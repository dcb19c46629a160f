#!/usr/bin/env bash
# Builds the native package for this OS from target/buildx-lens.jar and target/lib/ (run
# `mvn -B -q -DskipTests package` first, or `mvn -B -Ppackage -DskipTests package`, which calls this).
#
#   packaging/package.sh [VERSION]      -> target/packages/buildx-lens_VERSION-1_amd64.deb (+ .rpm if rpmbuild exists)
#
# Steps: a trimmed Java runtime (jlink, modules found by jdeps), an app image, then the installer with
# the per-OS resources in packaging/<os>/.
# Start-up (measured with src/test/bench/run.sh): the launcher runs C1 only with the serial collector (C2's
# compiler threads compete with start-up on small machines) and maps what earlier runs loaded:
# - built with JDK 25 or later (PACKAGE_JDK, else JAVA_HOME, else the newest in /usr/lib/jvm; Temurin 25 here), the
#   runtime is that JDK and ships two AOT caches (JEP 483, 514, 515: classes loaded and linked, with profiles), one
#   trained by a GUI run and one by dev.buildxlens.StartupTraining (the common commands in one JVM). JDK 25 accepts
#   a cache on a moved class path, so they are made here and installed as they are.
# - built with JDK 17-24, the runtime is that JDK with a static AppCDS archive dumped from a class list recorded here
#   from an `inspect` run and a GUI run. JDK 17 cannot move an archive (it records the class path), so the archive
#   is dumped where the app lives: here in the app image for the benchmark, and by postinst
#   (packaging/linux/train-cds.sh) under /opt.
# A missing or stale cache or archive costs only speed.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
version="${1:-$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)}"
jar=target/buildx-lens.jar
[[ -f "$jar" && -d target/lib ]] || { echo "package.sh: $jar or target/lib missing; run: mvn -B -q -DskipTests package" >&2; exit 2; }
# The major version of the JDK at $1 (from its release file), or 0.
jdk_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -1 | grep . || echo 0; }
# The JDK whose jlink and jpackage make the package: PACKAGE_JDK when set; else a JDK 25+ (JAVA_HOME, then the newest
# under /usr/lib/jvm), for the AOT cache; else the JDK on PATH.
pick_jdk() {
  if [[ -n "${PACKAGE_JDK:-}" ]]; then echo "$PACKAGE_JDK"; return; fi
  local candidate best="" best_major=0 major
  for candidate in ${JAVA_HOME:-} /usr/lib/jvm/*; do
    [[ -x "$candidate/bin/jlink" && -x "$candidate/bin/jpackage" ]] || continue
    major=$(jdk_major "$candidate")
    if (( major >= 25 && major > best_major )); then best=$candidate; best_major=$major; fi
  done
  if [[ -n "$best" ]]; then echo "$best"; return; fi
  local jlink
  jlink=$(command -v jlink) || { echo "package.sh: no jlink; it ships with JDK 17+ (Debian: openjdk-17-jdk)" >&2; exit 2; }
  dirname "$(dirname "$(readlink -f "$jlink")")"
}
jdk=$(pick_jdk)
for tool in jdeps jlink jpackage; do
  [[ -x "$jdk/bin/$tool" ]] || { echo "package.sh: $jdk/bin/$tool not found (PACKAGE_JDK must be a JDK 17+)" >&2; exit 2; }
done
jdeps() { "$jdk/bin/jdeps" "$@"; }
jlink() { "$jdk/bin/jlink" "$@"; }
jpackage() { "$jdk/bin/jpackage" "$@"; }
major=$(jdk_major "$jdk")
aot=$(( major >= 25 ? 1 : 0 ))
echo "package.sh: runtime from $jdk (JDK $major), start-up $( ((aot)) && echo "AOT caches" || echo "AppCDS archive")"

work=target/jpackage
rm -rf "$work" target/packages
mkdir -p "$work/input/lib" "$work/input/share/screenshots" target/packages
cp "$jar" "$work/input/"
cp target/lib/*.jar "$work/input/lib/"
cp packaging/linux/dev.buildxlens.BuildxLens.metainfo.xml "$work/input/share/"
cp packaging/screenshots/*.png "$work/input/share/screenshots/"

# jdeps sees static references only. jdk.crypto.ec is a security provider loaded by name (TLS to a
# tcp:// daemon with ECDSA certificates); jdk.zipfs and
# jdk.charsets cover reading odd workflow and store files.
modules="$(jdeps --print-module-deps --ignore-missing-deps --multi-release "$major" \
  --class-path "target/lib/*" "$jar"),jdk.crypto.ec,jdk.charsets,jdk.zipfs"
echo "package.sh: runtime modules: $modules"
# --compress=2 is spelled zip-6 since JDK 21 (the old spelling warns).
compress=$( ((major >= 21)) && echo zip-6 || echo 2 )
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress="$compress" \
  --output "$work/runtime"

# $APPDIR is expanded by the launcher. -Xlog:cds=off: a stale archive would otherwise print a warning on
# stdout, in the middle of `inspect --format json`.
# -XX:-UsePerfData: no hsperfdata file to create on every start (jps and jstat then do not list the app).
# JDK 24+ warns on stderr when JavaFX loads its native libraries and when its Marlin renderer uses sun.misc.Unsafe
# memory access (JEP 472, 498): both allowed here, for the class path, so the warnings stay off a user's terminal.
if ((aot)); then
  java_options=(--java-options -XX:TieredStopAtLevel=1 --java-options -XX:+UseSerialGC --java-options -XX:-UsePerfData
    --java-options '-XX:AOTCache=$APPDIR/buildx-lens-gui.aot' --java-options -Xlog:aot=off --java-options -Xlog:cds=off
    --java-options --enable-native-access=ALL-UNNAMED --java-options --sun-misc-unsafe-memory-access=allow)
else
  java_options=(--java-options -XX:TieredStopAtLevel=1 --java-options -XX:+UseSerialGC --java-options -XX:-UsePerfData
    --java-options '-XX:SharedArchiveFile=$APPDIR/buildx-lens.jsa'
    --java-options -Xlog:cds=off --java-options -Xlog:cds+dynamic=off)
fi

common=(--name buildx-lens --app-version "$version" --vendor "The Buildx Lens authors"
  --description "Shows which image stores each Docker buildx builder can read"
  --copyright "Copyright (c) 2026 The Buildx Lens authors" --license-file LICENSE)

# JDK 17's native launcher asks rpm and dpkg which package owns it on every start (100-600 ms here, measured
# with strace), before the JVM even loads. The buildx-lens command on PATH is therefore this script, which
# starts the same runtime with the same class path and options as bin/buildx-lens, read from its .cfg now.
write_fast_launcher() {
  local app="$1" cfg="$1/buildx-lens.cfg" classpath options
  classpath=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed 's|\$APPDIR|$app|g' | paste -sd: -)
  # With AOT caches, the command line maps its own (the .cfg names the GUI's): $kind is chosen below.
  options=$(sed -n 's/^java-options=//p' "$cfg" | sed 's|\$APPDIR|$app|g' | sed 's|buildx-lens-gui\.aot|buildx-lens-$kind.aot|' \
    | sed 's/.*/"&"/' | paste -sd' ' -)
  cat > "$app/buildx-lens.sh" <<LAUNCHER
#!/bin/sh
# Starts Buildx Lens like ../../bin/buildx-lens (same runtime, class path and options), without the JDK 17
# launcher's package-manager queries on every start, and with the start-up cache of the kind of run: the
# command line (what dev.buildxlens.cli.Cli.isCommandLine accepts) or the desktop app. Generated by packaging/package.sh.
app=\$(dirname "\$(readlink -f "\$0")")
case "\${1:-}" in
  --version|-v|--help|-h) kind=cli ;;
  -*|"") kind=gui ;;
  *) kind=cli ;;
esac
exec "\$app/../runtime/bin/java" $options -cp "$classpath" dev.buildxlens.Launcher "\$@"
LAUNCHER
  chmod 755 "$app/buildx-lens.sh"
}

# JDK 25+: the two AOT caches, each written by the JVM at the end of its training run (-XX:AOTCacheOutput): the
# command line's from dev.buildxlens.StartupTraining, the desktop app's from a --screenshots run, which opens
# every tab (it needs xvfb-run; without it the app starts without its cache). Made in the app image, before the
# installers, which carry them.
train_aot_caches() {
  local app="$1/lib/app" java="$1/lib/runtime/bin/java" classpath options shots
  classpath=$(sed -n 's/^app\.classpath=//p' "$app/buildx-lens.cfg" | sed "s|\$APPDIR|$app|g" | paste -sd: -)
  # The launcher's options but the cache to use: training writes one instead.
  mapfile -t options < <(sed -n 's/^java-options=//p' "$app/buildx-lens.cfg" | grep -v '^-XX:AOTCache=')
  rm -f "$app"/buildx-lens-*.aot
  "$java" "${options[@]}" -XX:AOTCacheOutput="$app/buildx-lens-cli.aot" -cp "$classpath" dev.buildxlens.StartupTraining \
    >/dev/null 2>&1 || true
  if command -v xvfb-run >/dev/null; then
    shots=$(mktemp -d)
    timeout 300 xvfb-run -a -s "-screen 0 1280x900x24" "$java" "${options[@]}" -XX:AOTCacheOutput="$app/buildx-lens-gui.aot" \
      -cp "$classpath" dev.buildxlens.Launcher --screenshots "$shots" >/dev/null 2>&1 || true
    rm -rf "$shots"
  else
    echo "package.sh: no xvfb-run, so the desktop app has no start-up cache"
  fi
  local cache
  for cache in cli gui; do
    if [[ -s "$app/buildx-lens-$cache.aot" ]]; then
      echo "package.sh: AOT cache $cache: $(du -h "$app/buildx-lens-$cache.aot" | cut -f1)"
    else
      echo "package.sh: no AOT cache for $cache (training failed); that kind of run starts more slowly"
    fi
  done
}

# The classes a command-line run and a GUI run load (the GUI part needs xvfb-run; without it the list covers
# the command line only). Class names only, so the list moves with the app; train-cds.sh dumps it.
record_class_list() {
  local image="$1" app="$1/lib/app" java="$1/lib/runtime/bin/java" classpath lists
  classpath=$(sed -n 's/^app\.classpath=//p' "$app/buildx-lens.cfg" | sed "s|\$APPDIR|$app|g" | paste -sd: -)
  lists=$(mktemp -d)
  "$java" -XX:DumpLoadedClassList="$lists/cli" -cp "$classpath" dev.buildxlens.Launcher inspect --format json >/dev/null 2>&1 || true
  "$java" -XX:DumpLoadedClassList="$lists/diagnose" -cp "$classpath" dev.buildxlens.Launcher diagnose \
    --scenario classic-ci --format json >/dev/null 2>&1 || true
  if command -v xvfb-run >/dev/null; then
    timeout 120 xvfb-run -a "$java" -XX:DumpLoadedClassList="$lists/gui" -cp "$classpath" dev.buildxlens.Launcher \
      --screenshots "$lists/shots" >/dev/null 2>&1 || true
  else
    echo "package.sh: no xvfb-run, so the start-up archive covers the command line only"
  fi
  cat "$lists"/cli "$lists"/diagnose "$lists"/gui 2>/dev/null | grep -v '^#' | awk '!seen[$0]++' > "$app/buildx-lens.classlist"
  echo "package.sh: class list of $(wc -l < "$app/buildx-lens.classlist") entries"
  rm -rf "$lists"
}

case "$(uname -s)" in
  Linux)
    jpackage --type app-image --dest "$work/image" --input "$work/input" \
      --main-jar buildx-lens.jar --main-class dev.buildxlens.Launcher \
      --runtime-image "$work/runtime" --icon icons/png/buildx-lens-256.png \
      --name buildx-lens --app-version "$version" --vendor "The Buildx Lens authors" "${java_options[@]}"
    cp packaging/linux/train-cds.sh "$work/image/buildx-lens/lib/app/"
    write_fast_launcher "$work/image/buildx-lens/lib/app"
    if ((aot)); then
      train_aot_caches "$work/image/buildx-lens"
    else
      record_class_list "$work/image/buildx-lens"
    fi
    linux=(--app-image "$work/image/buildx-lens" --resource-dir packaging/linux --dest target/packages
      --linux-package-name buildx-lens --linux-app-category devel --linux-menu-group Development
      --linux-shortcut --linux-deb-maintainer "buildx-lens@users.noreply.github.com"
      --linux-package-deps libgtk-3-0 --linux-app-release 1)
    # --license-file only applies to the installer types; the app image step rejects it.
    jpackage --type deb "${common[@]}" "${linux[@]}"
    if command -v rpmbuild >/dev/null; then
      jpackage --type rpm "${common[@]}" "${linux[@]/libgtk-3-0/gtk3}" --linux-rpm-license-type MIT
    else
      echo "package.sh: rpmbuild not found, skipping the .rpm"
    fi
    # After the installers, which must not carry an AppCDS archive made for this directory.
    ((aot)) || bash "$work/image/buildx-lens/lib/app/train-cds.sh" "$work/image/buildx-lens"
    ;;
  Darwin)
    # Untested: nobody has built it on macOS yet.
    jpackage --type dmg "${common[@]}" --input "$work/input" --main-jar buildx-lens.jar \
      --main-class dev.buildxlens.Launcher --runtime-image "$work/runtime" --dest target/packages \
      "${java_options[@]}" @packaging/macos/jpackage.options
    ;;
  MINGW*|MSYS*|CYGWIN*)
    # Untested: nobody has built it on Windows yet. Needs the WiX toolset 3 on PATH. --win-console in the
    # options keeps the command line usable from cmd/PowerShell, at the price of a console beside the GUI.
    jpackage --type msi "${common[@]}" --input "$work/input" --main-jar buildx-lens.jar \
      --main-class dev.buildxlens.Launcher --runtime-image "$work/runtime" --dest target/packages \
      "${java_options[@]}" @packaging/windows/jpackage.options
    ;;
  *) echo "package.sh: no package type for $(uname -s)" >&2; exit 2 ;;
esac
ls -l target/packages
