#!/bin/sh
# Makes the AppCDS archive (a static one: JDK and app classes) of an installed or freshly built app image from
# the class list shipped beside the app (lib/app/buildx-lens.classlist, recorded by packaging/package.sh from a
# command-line and a GUI run). Dumping from a list runs no app code, so it needs no display and no daemon.
# It is made where the app lives because JDK 17 accepts an archive only on the class path it was made with.
# Never fails the install: without an archive buildx-lens only starts more slowly.
#   train-cds.sh APP_IMAGE_DIR     e.g. /opt/buildx-lens
root=$(cd "${1:?usage: train-cds.sh APP_IMAGE_DIR}" && pwd -P) || exit 0
app="$root/lib/app"
# A package built with JDK 25+ brings its AOT caches, made at build time (JDK 25 accepts a moved class path).
for cache in "$app"/buildx-lens-*.aot; do [ -s "$cache" ] && exit 0; done
java="$root/lib/runtime/bin/java"
cfg="$app/buildx-lens.cfg"
list="$app/buildx-lens.classlist"
[ -x "$java" ] && [ -f "$cfg" ] && [ -f "$list" ] || { echo "train-cds.sh: no runtime, launcher config or class list under $root" >&2; exit 0; }
classpath=$(sed -n 's/^app\.classpath=//p' "$cfg" | sed "s|\$APPDIR|$app|g" | paste -sd: -)
tmp="$app/buildx-lens.jsa.tmp"
rm -f "$app/buildx-lens.jsa" "$tmp"
if timeout 300 "$java" -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$tmp" \
    -XX:+UseSerialGC -Xlog:cds=off -cp "$classpath" >/dev/null 2>&1 && [ -s "$tmp" ]; then
  mv "$tmp" "$app/buildx-lens.jsa"
else
  rm -f "$tmp"
  echo "train-cds.sh: no AppCDS archive made; buildx-lens starts more slowly" >&2
fi
exit 0
