#!/usr/bin/python3
"""Render a split of songs with the shared corpus generator (../shared/corpus/gen_corpus.py)
under a seed of our own, so none of its songs is in `dev`:
  --style hidden  the generator's other soundfonts (MuseScore General, TimGM6mb) and Hydrogen's
                  sampled drum kits, like the hidden test corpus (our validation split `val`);
  --style dev     FluidR3 and its GM kits, like `dev` (song ids then read dev_NNN).
Training data for learned components comes from splits rendered here with other seeds
(train-9001 … train-9024: --seed 9001 … 9024); dev and val are only ever measured on, and so
are the test splits, a larger held-out set (test-9101 … test-9106: --seed 9101 … 9106, --n 20,
--style hidden but dev for 9103).

usage: /usr/bin/python3 scripts/corpus/render-split.py --out DIR --seed N [--n 30] [--style hidden]
Needs the Debian packages of ../shared/corpus/render.sh plus musescore-general-soundfont,
timgm6mb-soundfont and hydrogen-drumkits (scripts/corpus/render-split.sh installs them).
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus"))
sys.path.insert(0, os.environ.get("TONEARM_SHARED_CORPUS", SHARED))

import gen_corpus  # noqa: E402

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--out", required=True)
parser.add_argument("--seed", required=True, type=int)
parser.add_argument("--n", default=30, type=int)
parser.add_argument("--style", choices=["hidden", "dev"], default="hidden")
args = parser.parse_args()
if args.seed == gen_corpus.SPLITS["dev"]["seed"]:
    sys.exit("that is the dev split's seed: choose another")
# gen_corpus renders split "dev" with FluidR3 and every other split name the hidden way.
split = "dev" if args.style == "dev" else "val"
gen_corpus.SPLITS[split] = {"seed": args.seed, "n": args.n}
sys.argv = ["gen_corpus.py", "--split", split, "--out", args.out, "--n", str(args.n), "--no-formats"]
gen_corpus.main()
