#!/bin/sh
# Install what render-split.py needs (root), then run it with the arguments given.
# The validation split:  sh scripts/corpus/render-split.sh --out $HOME/tonearm-corpus/val --seed 7331
set -e
PKGS="fluidsynth fluid-soundfont-gm musescore-general-soundfont timgm6mb-soundfont hydrogen-drumkits python3-numpy python3-scipy python3-soundfile python3-mido python3-mir-eval sox ffmpeg"
missing=""
for p in $PKGS; do dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$missing" ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
fi
exec /usr/bin/python3 "$(dirname "$0")/render-split.py" "$@"
