#!/usr/bin/python3
"""Render a validation split like the hidden one: songs from the shared corpus generator with
a new seed, its other soundfonts (MuseScore General, TimGM6mb) and Hydrogen's sampled drum
kits instead of FluidR3's GM kits. Tune on `dev`, check generalisation here.

usage: /usr/bin/python3 scripts/corpus/render-validation.py [OUT_DIR] [N]
       (default OUT_DIR $HOME/tonearm-corpus/val, N 30)
Needs the Debian packages of ../shared/corpus/render.sh plus musescore-general-soundfont,
timgm6mb-soundfont and hydrogen-drumkits (scripts/corpus/render-validation.sh installs them).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus"))
sys.path.insert(0, os.environ.get("TONEARM_SHARED_CORPUS", SHARED))

import gen_corpus  # noqa: E402

out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.expanduser("~"), "tonearm-corpus", "val")
count = sys.argv[2] if len(sys.argv) > 2 else "30"
# A seed of our own: none of these songs is in `dev`; split != "dev" selects the generator's
# other soundfonts and the Hydrogen kits.
gen_corpus.SPLITS["val"] = {"seed": 7331, "n": int(count)}
sys.argv = ["gen_corpus.py", "--split", "val", "--out", out, "--n", count, "--no-formats"]
gen_corpus.main()
