#!/bin/sh
# Reproducible training of `mrz.traineddata`: a Tesseract *legacy* (OEM 0) model restricted to the 37 MRZ
# characters (docs/mrz-formats.md §1.1), trained on synthetic MRZ lines rendered in OCR-B (apt fonts-ocr-b) with
# Debian's tesseract-ocr 5.3 training tools (text2image, shapeclustering, mftraining, cntraining,
# combine_tessdata). Needs no network. Run from anywhere: sh drivers/ocr/model/train-legacy.sh
# The output is committed beside this script so the kiosk never trains or downloads at run time.
# Options (environment): OUT=path of the traineddata to write (default: beside this script);
# DEGRADE=1 adds a second pass of renderings with text2image's speckle/erosion/rotation degradation.
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
FONTS_DIR=${FONTS_DIR:-/usr/share/fonts/opentype/ocr-b}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
export OMP_THREAD_LIMIT=1
i=0
# Several seeds x exposures x sizes: the legacy classifier learns a few prototypes per character from each.
for exp in -1 0 1; do
  for pt in 10 12 14; do
    i=$((i + 1))
    node "$HERE/training-text.mjs" "$i" 120 > "t$i.txt"
    text2image --text="t$i.txt" --outputbase="mrz.OCRB.exp$i" --font="OCR B" --fonts_dir="$FONTS_DIR" \
      --ptsize="$pt" --resolution=300 --exposure="$exp" --char_spacing=0.0 --leading=24 \
      --xsize=3600 --ysize=4800 --degrade_image=false --unicharset_file=/dev/null >/dev/null 2>&1 || \
    text2image --text="t$i.txt" --outputbase="mrz.OCRB.exp$i" --font="OCR B" --fonts_dir="$FONTS_DIR" \
      --ptsize="$pt" --resolution=300 --exposure="$exp" --leading=24 --degrade_image=false >/dev/null 2>&1
    tesseract "mrz.OCRB.exp$i.tif" "mrz.OCRB.exp$i" box.train >/dev/null 2>&1
  done
done
if [ "${DEGRADE:-0}" = 1 ]; then
  for exp in -2 0 2; do
    for pt in 9 12; do
      i=$((i + 1))
      node "$HERE/training-text.mjs" "$i" 120 > "t$i.txt"
      text2image --text="t$i.txt" --outputbase="mrz.OCRB.exp$i" --font="OCR B" --fonts_dir="$FONTS_DIR" \
        --ptsize="$pt" --resolution=300 --exposure="$exp" --leading=24 --degrade_image=true >/dev/null 2>&1
      tesseract "mrz.OCRB.exp$i.tif" "mrz.OCRB.exp$i" box.train >/dev/null 2>&1
    done
  done
fi
unicharset_extractor mrz.OCRB.exp*.box >/dev/null
echo "OCRB 0 0 1 0 0" > font_properties
shapeclustering -F font_properties -U unicharset mrz.OCRB.exp*.tr >/dev/null 2>&1
mftraining -F font_properties -U unicharset -O mrz.unicharset mrz.OCRB.exp*.tr >/dev/null 2>&1
cntraining mrz.OCRB.exp*.tr >/dev/null 2>&1
for f in inttemp pffmtable normproto shapetable; do mv "$f" "mrz.$f"; done
combine_tessdata mrz. >/dev/null
OUT=${OUT:-$HERE/mrz.traineddata}
cp mrz.traineddata "$OUT"
echo "wrote $OUT ($(wc -c < mrz.traineddata) bytes)"
