#!/usr/bin/python3
"""Training material for the drum-mask model: songs from the shared corpus generator with a seed
of their own (none of them is in dev or val), each as its 16-bit mix and its drum stem as it sits
in the mix (corpus_mixing.py explains how).

usage: /usr/bin/python3 render-training-songs.py --out DIR [--first 0] [--count 40] [--shared PATH]

One song in three follows the dev recipe (FluidR3 for every part, FluidR3's GM drum kits), the
others the recipe of the validation and hidden splits (MuseScore General or TimGM6mb, Hydrogen's
sampled kits). Writes DIR/<id>.mix.wav (16-bit PCM, as the corpus) and DIR/<id>.drums.wav
(32-bit float). Same command, same files. About 15 s per song on one core.
"""
import argparse
import os
import shutil
import sys
import tempfile

import numpy as np
import soundfile as sf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_mixing as cm  # noqa: E402

TRAIN_SEED = 2718


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--first", type=int, default=0)
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("--shared", default=cm.default_shared_dir())
    a = ap.parse_args()
    gen = cm.load_generator(a.shared)
    os.makedirs(a.out, exist_ok=True)
    for idx in range(a.first, a.first + a.count):
        sid = f"train_{idx:03d}"
        if os.path.exists(os.path.join(a.out, f"{sid}.drums.wav")):
            continue
        sampled_drums = idx % 3 != 0
        song = gen.compose("train", idx, TRAIN_SEED, False)
        tmpdir = tempfile.mkdtemp(prefix=f"drumtrain_{sid}_")
        try:
            y, in_mix, choices, soundfont, _, _ = cm.make_song_stems(
                gen, song, sampled_drums, TRAIN_SEED, idx, False, tmpdir)
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)
        if "drums" not in in_mix:
            print(f"{sid}: no drums, skipped", flush=True)
            continue
        pcm, _ = cm.quantise_like_generator(y)
        sf.write(os.path.join(a.out, f"{sid}.mix.wav"), pcm, gen.SR, subtype="PCM_16")
        # Written last: its presence marks a finished song.
        sf.write(os.path.join(a.out, f"{sid}.drums.wav"), in_mix["drums"].astype(np.float32), gen.SR, subtype="FLOAT")
        kit = choices["kit"] or f"FluidR3 kit {song['programs']['drum_kit']}"
        print(f"{sid}: {y.shape[0] / gen.SR:.1f} s, {os.path.basename(soundfont)}, {kit}", flush=True)


if __name__ == "__main__":
    main()
