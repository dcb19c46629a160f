#!/usr/bin/env bash
# Renders the app icon from buildx-lens.svg into the PNG sizes desktops and installers ask for,
# plus the Windows .ico and the macOS .icns that jpackage wants on those platforms.
# Needs librsvg2-bin (rsvg-convert), icoutils (icotool) and icnsutils (png2icns).
# The outputs are committed, so users and CI never need these tools.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" buildx-lens.svg --output "png/buildx-lens-$size.png"
done
# Windows shows 16..256 from one .ico; 256 is stored as PNG inside the .ico (icotool -r).
icotool --create --output buildx-lens.ico \
  png/buildx-lens-16.png png/buildx-lens-24.png png/buildx-lens-32.png \
  png/buildx-lens-48.png png/buildx-lens-64.png --raw=png/buildx-lens-256.png
# png2icns only accepts the sizes Apple defines (16, 32, 48, 128, 256, 512).
png2icns buildx-lens.icns \
  png/buildx-lens-16.png png/buildx-lens-32.png png/buildx-lens-48.png \
  png/buildx-lens-128.png png/buildx-lens-256.png png/buildx-lens-512.png >/dev/null
echo "rendered: $(ls png | tr '\n' ' ') buildx-lens.ico buildx-lens.icns"
