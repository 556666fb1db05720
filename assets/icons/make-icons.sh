#!/usr/bin/env bash
# Draws the app icon (three memory bars against a GPU's capacity line, as in the app's "Memory of every option")
# and writes the three formats jpackage takes: PNG (Linux), ICO (Windows), ICNS (macOS).
# Needs ImageMagick (convert) and, for the .icns, png2icns (Debian: icnsutils); on a Mac, iconutil does the same
# from an .iconset folder. Run from anywhere: bash assets/icons/make-icons.sh
set -euo pipefail
cd "$(dirname "$0")"
convert -size 512x512 xc:none \
    -fill '#1d2b4f' -draw 'roundrectangle 20,20 492,492 100,100' \
    -fill '#4a7be0' -draw 'rectangle 92,120 212,176' -fill '#22a88f' -draw 'rectangle 212,120 262,176' \
    -fill '#d0508f' -draw 'rectangle 262,120 352,176' -fill '#9aa7bd' -draw 'rectangle 352,120 380,176' \
    -fill '#4a7be0' -draw 'rectangle 92,228 172,284' -fill '#22a88f' -draw 'rectangle 172,228 212,284' \
    -fill '#d0508f' -draw 'rectangle 212,228 292,284' -fill '#9aa7bd' -draw 'rectangle 292,228 316,284' \
    -fill '#4a7be0' -draw 'rectangle 92,336 252,392' -fill '#22a88f' -draw 'rectangle 252,336 312,392' \
    -fill '#d0508f' -draw 'rectangle 312,336 420,392' -fill '#e5484d' -draw 'rectangle 400,336 420,392' \
    -stroke white -strokewidth 8 -draw 'line 400,96 400,416' \
    -strip finetune-planner.png
convert finetune-planner.png -define icon:auto-resize=256,128,64,48,32,16 finetune-planner.ico
tmp=$(mktemp -d)
for size in 16 32 128 256; do
    convert finetune-planner.png -resize "${size}x${size}" -strip "$tmp/icon_$size.png"
done
png2icns finetune-planner.icns "$tmp"/icon_16.png "$tmp"/icon_32.png "$tmp"/icon_128.png "$tmp"/icon_256.png \
    finetune-planner.png > /dev/null
rm -rf "$tmp"
