#!/usr/bin/env bash
# Builds the native package for this OS from target/buildx-lens.jar and target/lib/ (run
# `mvn -B -q -DskipTests package` first, or `mvn -B -Ppackage -DskipTests package`, which calls this).
#
#   packaging/package.sh [VERSION]      -> target/packages/buildx-lens_VERSION-1_amd64.deb (+ .rpm if rpmbuild exists)
#
# Steps: a trimmed Java runtime (jlink, modules found by jdeps), an app image, then the installer with
# the per-OS resources in packaging/<os>/. No CDS archive: measured with BUILDX_LENS_STARTUP_TRACE=1, the
# JDK's default archive made no difference to the first window, and an AppCDS archive of a GUI run
# (first window -0.35 s, first snapshot +0.3 s) cannot move from the build directory to /opt on JDK 17.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
version="${1:-$(sed -n 's:.*<version>\([0-9][0-9.]*\)\(-SNAPSHOT\)\{0,1\}</version>.*:\1:p' pom.xml | head -1)}"
jar=target/buildx-lens.jar
[[ -f "$jar" && -d target/lib ]] || { echo "package.sh: $jar or target/lib missing; run: mvn -B -q -DskipTests package" >&2; exit 2; }
for tool in jdeps jlink jpackage; do
  command -v "$tool" >/dev/null || { echo "package.sh: $tool not found; it ships with JDK 17+ (Debian: openjdk-17-jdk)" >&2; exit 2; }
done

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
modules="$(jdeps --print-module-deps --ignore-missing-deps --multi-release 17 \
  --class-path "target/lib/*" "$jar"),jdk.crypto.ec,jdk.charsets,jdk.zipfs"
echo "package.sh: runtime modules: $modules"
jlink --add-modules "$modules" --strip-debug --no-header-files --no-man-pages --compress=2 \
  --output "$work/runtime"

common=(--name buildx-lens --app-version "$version" --vendor "The Buildx Lens authors"
  --description "Shows which image stores each Docker buildx builder can read"
  --copyright "Copyright (c) 2026 The Buildx Lens authors" --license-file LICENSE)

case "$(uname -s)" in
  Linux)
    jpackage --type app-image --dest "$work/image" --input "$work/input" \
      --main-jar buildx-lens.jar --main-class dev.buildxlens.Launcher \
      --runtime-image "$work/runtime" --icon icons/png/buildx-lens-256.png \
      --name buildx-lens --app-version "$version" --vendor "The Buildx Lens authors"
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
    ;;
  Darwin)
    # Untested: nobody has built it on macOS yet.
    jpackage --type dmg "${common[@]}" --input "$work/input" --main-jar buildx-lens.jar \
      --main-class dev.buildxlens.Launcher --runtime-image "$work/runtime" --dest target/packages \
      @packaging/macos/jpackage.options
    ;;
  MINGW*|MSYS*|CYGWIN*)
    # Untested: nobody has built it on Windows yet. Needs the WiX toolset 3 on PATH. --win-console in the
    # options keeps the command line usable from cmd/PowerShell, at the price of a console beside the GUI.
    jpackage --type msi "${common[@]}" --input "$work/input" --main-jar buildx-lens.jar \
      --main-class dev.buildxlens.Launcher --runtime-image "$work/runtime" --dest target/packages \
      @packaging/windows/jpackage.options
    ;;
  *) echo "package.sh: no package type for $(uname -s)" >&2; exit 2 ;;
esac
ls -l target/packages
