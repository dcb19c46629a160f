#!/usr/bin/env bash
# Installs the .deb from target/packages/ on this machine and checks the installed app end to end:
# the command line (--version, inspect against the running Docker engine), the menu entry, the
# AppStream metainfo, the GUI rendering its screens under Xvfb, and a clean removal. Needs root, a
# Docker engine and xvfb-run; .ci/run provides them. Removes the package again even when a check fails.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "test-deb: FAILED: $*" >&2; exit 1; }
deb=$(ls target/packages/buildx-lens_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no target/packages/buildx-lens_*.deb; run: mvn -B -q -Ppackage -DskipTests package"
if [ "$(dpkg-query -W -f='${Status}' buildx-lens 2>/dev/null)" = "install ok installed" ]; then
  fail "buildx-lens is already installed here; this test installs and removes it, so remove it first"
fi

removed=""
remove() { [ -n "$removed" ] || DEBIAN_FRONTEND=noninteractive apt-get purge -y -q buildx-lens >/dev/null; removed=1; }
trap remove EXIT

echo "test-deb: installing $deb"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "./$deb" >/dev/null

launcher=$(command -v buildx-lens) || fail "buildx-lens is not on PATH after install"
[ "$(readlink -f "$launcher")" = /opt/buildx-lens/lib/app/buildx-lens.sh ] || fail "$launcher does not point at /opt/buildx-lens/lib/app/buildx-lens.sh"
# A JDK 25 runtime brings its AOT caches (made at build time, moved with the app); a JDK 17 one gets its AppCDS
# archive from postinst. Either must be accepted at /opt: the command's first class comes from it.
if [ -s /opt/buildx-lens/lib/app/buildx-lens-cli.aot ]; then
  [ -s /opt/buildx-lens/lib/app/buildx-lens-gui.aot ] || fail "the package has the command line's AOT cache but not the app's"
  [ ! -e /opt/buildx-lens/lib/app/buildx-lens.jsa ] || fail "postinst made an AppCDS archive beside the AOT caches"
  what="AOT cache"
else
  [ -s /opt/buildx-lens/lib/app/buildx-lens.jsa ] || fail "postinst made no AppCDS archive"
  what="AppCDS archive"
fi
classes=$(mktemp)
JAVA_TOOL_OPTIONS=-Xlog:class+load buildx-lens --version >"$classes" 2>/dev/null
grep -q 'dev.buildxlens.Launcher source: shared objects file' "$classes" \
  || fail "the $what is not used by the installed command"
rm -f "$classes"
echo "test-deb: the installed command starts from its $what"

# Nothing on stderr: JDK 24+ warns about JavaFX's native libraries and its use of sun.misc.Unsafe unless allowed.
noise=$(buildx-lens --version 2>&1 >/dev/null)
[ -z "$noise" ] || fail "--version wrote to stderr: $noise"
version=$(buildx-lens --version)
[[ "$version" =~ ^buildx-lens\ [0-9]+\.[0-9]+\.[0-9]+ ]] || fail "--version printed '$version'"
echo "test-deb: $version"

inspect=$(mktemp)
buildx-lens inspect --format json >"$inspect" || fail "inspect exited $?"
grep -q '"origin" : "live"' "$inspect" || fail "inspect JSON has no live origin: $(head -c 300 "$inspect")"
grep -q '"reachable" : true' "$inspect" || fail "inspect did not reach the Docker engine: $(head -c 600 "$inspect")"
echo "test-deb: inspect --format json reached $(grep -m1 '"serverVersion"' "$inspect" | tr -d ' ,')"

desktop=/usr/share/applications/buildx-lens.desktop
[ -f "$desktop" ] || fail "no menu entry $desktop"
grep -qx 'Categories=Development;' "$desktop" || fail "$desktop lacks Categories=Development;"
grep -qx 'Exec=/opt/buildx-lens/bin/buildx-lens' "$desktop" || fail "$desktop does not start the installed launcher"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$desktop" || fail "desktop-file-validate"; fi
[ -f /usr/share/metainfo/dev.buildxlens.BuildxLens.metainfo.xml ] || fail "no AppStream metainfo"
[ -f /opt/buildx-lens/lib/buildx-lens.png ] || fail "no launcher icon"

shots=$(mktemp -d)
gui_err=$(mktemp)
timeout 120 xvfb-run -a buildx-lens --screenshots "$shots" 2>"$gui_err" || fail "the GUI did not render its screens (exit $?)"
if grep -q '^WARNING' "$gui_err"; then fail "the GUI warned on stderr: $(grep '^WARNING' "$gui_err" | head -3)"; fi
rm -f "$gui_err"
for screen in store-map builders images diagnose; do
  png="$shots/$screen.png"
  [ -s "$png" ] || fail "the GUI wrote no $png"
  [ "$(head -c 8 "$png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "$png is not a PNG"
done
echo "test-deb: the installed GUI rendered $(ls "$shots" | tr '\n' ' ')"

remove
[ ! -e /usr/bin/buildx-lens ] || fail "/usr/bin/buildx-lens left behind after removal"
[ ! -e "$desktop" ] || fail "$desktop left behind after removal"
[ ! -e /opt/buildx-lens/bin/buildx-lens ] || fail "/opt/buildx-lens left behind after removal"
echo "test-deb: installed, checked and removed cleanly"
