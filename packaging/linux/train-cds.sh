#!/bin/sh
# Makes the AppCDS archive of an installed or freshly built app image: one `inspect --format json` run with
# -XX:ArchiveClassesAtExit, on exactly the class path the launcher uses (read from its .cfg), because JDK 17
# accepts an archive only on the class path it was made with. Needs no display and no daemon (without one,
# the run still loads the command line, the store readers and the JSON writer). Never fails the install.
#   train-cds.sh APP_IMAGE_DIR     e.g. /opt/buildx-lens
root=$(cd "${1:?usage: train-cds.sh APP_IMAGE_DIR}" && pwd -P) || exit 0
app="$root/lib/app"
java="$root/lib/runtime/bin/java"
cfg="$app/buildx-lens.cfg"
[ -x "$java" ] && [ -f "$cfg" ] || { echo "train-cds.sh: no runtime or launcher config under $root" >&2; exit 0; }
classpath=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s|\$APPDIR|$app|g" | paste -sd: -)
tmp="$app/buildx-lens.jsa.tmp"
rm -f "$app/buildx-lens.jsa" "$tmp"
if timeout 120 "$java" -XX:ArchiveClassesAtExit="$tmp" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xlog:cds=off \
    -Xlog:cds+dynamic=off -cp "$classpath" dev.buildxlens.Launcher inspect --format json >/dev/null 2>&1 \
    && [ -s "$tmp" ]; then
  mv "$tmp" "$app/buildx-lens.jsa"
else
  rm -f "$tmp"
  echo "train-cds.sh: no AppCDS archive made; buildx-lens starts a little slower" >&2
fi
exit 0
