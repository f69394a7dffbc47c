#!/usr/bin/python3
"""The drum stem of one corpus song as it sits in the mix: the separation eval's reference.

usage: /usr/bin/python3 render-drum-reference.py --split-dir DIR --id ID --out OUT_DIR [--shared PATH]

Writes OUT_DIR/<id>.wav (32-bit float, stereo, 44.1 kHz) and OUT_DIR/<id>.json (how well the
reproduction matches the corpus file). Needs Debian's python3 with the packages of
../shared/corpus/render.sh (numpy, scipy, soundfile, mido), fluidsynth, and for splits other
than dev the soundfonts and Hydrogen kits of scripts/corpus/render-split.sh --seed 7331.

The song is re-composed from its seed (truth meta.seed) and re-mixed with the generator's own
functions (corpus_mixing.py explains the chain); the drum stem is returned with the gain curve
it has in the mix. Checks, all recorded in the JSON:
- the re-composed song's MIDI equals the corpus MIDI file byte for byte;
- the replayed mixing gains and loudness target equal truth meta.mix_gains_db / target_lufs;
- the re-made mix, quantised to 16 bits as the generator does, equals the corpus WAV sample
  for sample (mix_max_abs_diff_lsb 0);
- the reference against (corpus mix − the other stems as they sit in the mix): correlation and
  SNR, limited only by the 16-bit quantisation of the corpus file.
On dev it also renders the song's MIDI file with channel 10 alone (same soundfont and fluidsynth
settings) and compares it with the reference: fluidsynth starts notes on 64-sample block
boundaries, so a drums-only render (notes at other sample offsets than in the generator's
one-file render of all stems) is not sample-aligned with the drums in the mix.
"""
import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import soundfile as sf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_mixing as cm  # noqa: E402


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--split-dir", required=True, help="corpus split folder (audio/, midi/, truth/)")
    ap.add_argument("--id", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--shared", default=cm.default_shared_dir(), help="the shared corpus folder (gen_corpus.py)")
    return ap.parse_args()


def render_drum_channel_only(gen, midi_path, tmpdir, n_samples):
    """fluidsynth render of the song's MIDI file keeping only channel 10 (index 9) and meta events."""
    import mido
    mid = mido.MidiFile(midi_path)
    out = mido.MidiFile(type=1, ticks_per_beat=mid.ticks_per_beat)
    for track in mid.tracks:
        kept = mido.MidiTrack()
        pending = 0
        for msg in track:
            pending += msg.time
            if msg.is_meta or getattr(msg, "channel", None) == 9:
                kept.append(msg.copy(time=pending))
                pending = 0
        out.tracks.append(kept)
    mpath = os.path.join(tmpdir, "drums-only.mid")
    wpath = os.path.join(tmpdir, "drums-only.wav")
    out.save(mpath)
    subprocess.run(["fluidsynth", "-ni", "-q", "-O", "float", "-F", wpath, "-r", str(gen.SR), gen.SF_FLUID, mpath],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    x, _ = sf.read(wpath, dtype="float64", always_2d=True)
    x = x[:n_samples]
    if x.shape[0] < n_samples:
        x = np.vstack([x, np.zeros((n_samples - x.shape[0], 2))])
    return x


def correlation(a, b):
    den = math.sqrt(float(np.sum(a * a)) * float(np.sum(b * b)))
    return float(np.sum(a * b)) / den if den > 0 else 0.0


def snr_db(reference, estimate):
    err = float(np.sum((reference - estimate) ** 2))
    sig = float(np.sum(reference ** 2))
    return 10 * math.log10(sig / err) if err > 0 else math.inf


def main():
    a = parse_args()
    gen = cm.load_generator(a.shared)
    truth = json.load(open(os.path.join(a.split_dir, "truth", f"{a.id}.json")))
    meta = truth["meta"]
    split = truth["split"]
    seed, idx = meta["seed"]
    long_song = bool(meta["long"])
    sampled_drums = split != "dev"
    song = gen.compose(split, idx, seed, long_song)
    os.makedirs(a.out, exist_ok=True)
    tmpdir = tempfile.mkdtemp(prefix=f"drumref_{a.id}_")
    try:
        y, in_mix, choices, soundfont, stems, stem_gains = cm.make_song_stems(
            gen, song, sampled_drums, seed, idx, long_song, tmpdir)
        n_samples = y.shape[0]
        midi_path = os.path.join(a.split_dir, "midi", f"{a.id}.mid")
        regenerated = os.path.join(tmpdir, "song.mid")
        gen.write_full_midi(song, regenerated, choices["pans"], choices["fx"])
        checks = {
            "midi_matches_file": open(regenerated, "rb").read() == open(midi_path, "rb").read(),
            "gains_match_truth": all(abs(round(choices["gains"][k], 3) - v) < 1e-9
                                     for k, v in meta["mix_gains_db"].items()),
            "target_matches_truth": abs(round(choices["target"], 3) - truth["loudness"]["target_lufs"]) < 1e-9,
        }
        if sampled_drums:
            checks["kit_matches_truth"] = choices["kit"] == meta["drum_source"]
        drums = in_mix.get("drums", np.zeros((n_samples, 2)))
        pcm, _ = cm.quantise_like_generator(y)
        corpus, _ = sf.read(os.path.join(a.split_dir, "audio", f"{a.id}.wav"), dtype="int16", always_2d=True)
        same_shape = corpus.shape == pcm.shape
        diff = np.abs(corpus.astype(np.int32) - pcm.astype(np.int32)) if same_shape else None
        checks["mix_reproduced_exactly"] = bool(same_shape and diff.max() == 0)
        # The generator scales by 32767 before rounding; undo exactly that to compare with the stems.
        mix = corpus.astype(np.float64) / 32767.0
        others = sum((v for k, v in in_mix.items() if k != "drums"), np.zeros_like(drums))
        mix_minus_others = mix - others
        stats = {
            "id": a.id, "split": split, "samples": int(n_samples), "sample_rate": gen.SR,
            "drum_source": meta["drum_source"], "soundfont": os.path.basename(soundfont),
            "checks": checks,
            "mix_max_abs_diff_lsb": int(diff.max()) if same_shape else None,
            "mix_samples_differing": int(np.count_nonzero(diff)) if same_shape else None,
            "reference_vs_mix_minus_others": {
                "correlation": correlation(drums, mix_minus_others),
                "snr_db": snr_db(drums, mix_minus_others),
            },
            "drum_energy_share_of_mix": float(np.sum(drums ** 2)) / max(float(np.sum(mix ** 2)), 1e-30),
            "drums_limited_fraction": float(np.mean(stem_gains["drums"] < stem_gains["drums"].max() * (1 - 1e-9)))
            if "drums" in stem_gains else 0.0,
        }
        if not sampled_drums and "drums" in in_mix:
            alone = render_drum_channel_only(gen, midi_path, tmpdir, n_samples)
            same_gain = alone * stem_gains["drums"][:, None] * (gen.active_rms(stems["drums"]) / gen.active_rms(alone))
            stats["drum_channel_only_render_vs_reference"] = {
                "correlation": correlation(drums, alone),
                "snr_db_after_same_mix_gains": snr_db(drums, same_gain),
            }
        sf.write(os.path.join(a.out, f"{a.id}.wav"), drums.astype(np.float32), gen.SR, subtype="FLOAT")
        with open(os.path.join(a.out, f"{a.id}.json"), "w") as f:
            json.dump(stats, f, indent=1)
        print(json.dumps(stats))
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


if __name__ == "__main__":
    main()
