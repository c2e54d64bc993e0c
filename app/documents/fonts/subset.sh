#!/bin/sh
# Rebuilds the font subsets embedded by app/documents (development time only;
# the Go build needs nothing but the committed .ttf files).
# Needs fontTools (Debian: apt-get install python3-fonttools) and DejaVu
# (Debian: fonts-dejavu-core, which ships DejaVu Sans Condensed 2.37).
set -eu
SRC=${DEJAVU_DIR:-/usr/share/fonts/truetype/dejavu}
# Basic Latin, Latin-1, Latin Extended-A/B, spacing modifiers, combining marks,
# Latin Extended Additional (ḥ ẓ Ḥ ...), general punctuation (’ “ ” – — …), arrows ← ↑ → ↓,
# euro, numero, trademark, minus, check marks, squares, replacement character.
UNICODES="U+0020-007E,U+00A0-00FF,U+0100-017F,U+0180-024F,U+02B0-02FF,U+0300-036F,U+1E00-1EFF,U+2010-2027,U+2030-203A,U+2190-2193,U+20AC,U+2116,U+2122,U+2212,U+2713,U+2714,U+2717,U+2718,U+25A0,U+25A1,U+FFFD"
cd "$(dirname "$0")"
for f in DejaVuSansCondensed DejaVuSansCondensed-Bold; do
	python3 -m fontTools.subset "$SRC/$f.ttf" \
		--unicodes="$UNICODES" \
		--layout-features='' --drop-tables+=GDEF,GPOS,GSUB,MATH,FFTM \
		--no-hinting --notdef-outline \
		--name-IDs='*' --name-legacy --name-languages='*' \
		--output-file="$f-subset.ttf"
done
