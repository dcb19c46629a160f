#!/usr/bin/env bash
# Renders the app icon from buildx-lens.svg into the PNG sizes desktops and installers ask for.
# Needs librsvg2-bin (rsvg-convert). The PNGs are committed, so users and CI never need it.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 24 32 48 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" buildx-lens.svg --output "png/buildx-lens-$size.png"
done
echo "rendered: $(ls png | tr '\n' ' ')"
