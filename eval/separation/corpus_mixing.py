"""Re-making a corpus song's stems and mix with the shared generator's own code
(../shared/corpus/gen_corpus.py), keeping each stem's gain as it sits in the mix.

How the generator mixes (make_song): each part (bass, chords, lead, drums) is rendered by
fluidsynth from the song's MIDI events, all parts in ONE fluidsynth call, one after another with
5 s of silence between them (render_stems); on splits other than dev the drums are assembled
from Hydrogen kit samples instead (render_sample_drums). `master` scales each stem to an active
RMS of -20 dBFS times 10^(gain_db/20), sums them, applies one gain G and a look-ahead limiter,
iterates G toward the target loudness, then applies up to three more limiter passes as a
true-peak guard. Every step after the sum is a time-varying gain common to all stems, so a stem
inside the mix is stem * scale * G * g1(t) * g2(t) ...; `master_with_stem_gains` returns that
gain curve per stem. The RNG draws of make_song are replayed in order, so gains, loudness
target, panning, effects and drum kit are the song's own.
"""
import math
import os
import sys

import numpy as np


def load_generator(shared_dir):
    """Imports gen_corpus from the shared corpus folder (it imports evallib beside it)."""
    if shared_dir not in sys.path:
        sys.path.insert(0, shared_dir)
    import gen_corpus
    return gen_corpus


def default_shared_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    return os.environ.get("TONEARM_SHARED_CORPUS",
                          os.path.normpath(os.path.join(here, "..", "..", "..", "shared", "corpus")))


def limiter_gain(gen, x, ceiling_db=-1.0):
    """gen_corpus.limiter's gain curve g (limiter(x) == x * g[:, None]); None when it is all 1."""
    from scipy.ndimage import minimum_filter1d
    sr = gen.SR
    ceiling = 10 ** (ceiling_db / 20)
    width = int(0.005 * sr)
    peak = gen.loudness.oversampled_peak_env(x, sr)
    need = np.minimum(1.0, ceiling / np.maximum(peak, 1e-12))
    if need.min() >= 1.0:
        return None
    m = minimum_filter1d(need, size=width, origin=-(width // 2), mode="nearest")
    cs = np.concatenate([[0.0], np.cumsum(m)])
    idx = np.arange(len(m))
    lo = np.maximum(0, idx - width + 1)
    g = (cs[idx + 1] - cs[lo]) / (idx + 1 - lo)
    return np.minimum(g, need)


def master_with_stem_gains(gen, stems, gains_db, target_lufs):
    """gen_corpus.master step for step; also returns each stem's gain curve in the result."""
    sr = gen.SR
    loud = gen.loudness
    scales = {}
    mix = np.zeros_like(next(iter(stems.values())))
    for k, s in stems.items():
        r = gen.active_rms(s)
        scales[k] = (10 ** (-20 / 20) / r) * 10 ** (gains_db[k] / 20)
        mix += s * scales[k]
    g = 0.0
    y = mix
    envelope = None  # the limiter gain applied to mix * 10^(g_used/20) to make y
    g_used = 0.0
    for _ in range(3):
        cur = loud.integrated(mix * 10 ** (g / 20), sr)
        g += target_lufs - cur
        pre = mix * 10 ** (g / 20)
        envelope = limiter_gain(gen, pre)
        y = pre if envelope is None else pre * envelope[:, None]
        g_used = g
        lim = loud.integrated(y, sr)
        if abs(lim - target_lufs) < 0.3:
            break
        g += (target_lufs - lim) * 0.9
    total = np.ones(len(mix)) if envelope is None else envelope.copy()
    for _ in range(3):
        tp = loud.true_peak_dbtp(y, sr)
        if tp <= -0.5:
            break
        guard = limiter_gain(gen, y, -1.0 - (tp + 0.5) - 0.2)
        if guard is not None:
            y = y * guard[:, None]
            total *= guard
    common = 10 ** (g_used / 20) * total
    return y, {k: scales[k] * common for k in stems}


def replay_mixing_rng(gen, sampled_drums, seed, idx, long_song):
    """make_song's draws from its mixing RNG, in order: pans, fx, (kit), gains, loudness target."""
    rng = np.random.default_rng([seed, idx, 7 if long_song else 0, 1])
    pans = {"bass": 64, "drums": 64, "chords": int(rng.integers(34, 95)), "lead": int(rng.integers(44, 85))}
    fx = {p: (int(rng.integers(10, 60)), int(rng.integers(0, 30))) for p in ("bass", "chords", "lead", "drums")}
    fx["bass"] = (int(rng.integers(0, 20)), 0)
    kit = None
    if sampled_drums:
        kits = gen.drumkits.usable_kits()
        kit = kits[int(rng.integers(len(kits)))]
    gains = {"drums": float(rng.uniform(-1, 2.5)), "bass": float(rng.uniform(-3, 0)),
             "chords": float(rng.uniform(-6, -2)), "lead": float(rng.uniform(-1, 2))}
    target = float(rng.uniform(-20, -8))
    return {"pans": pans, "fx": fx, "kit": kit, "gains": gains, "target": target}


def song_length(gen, song):
    """Samples in the song's file (make_song: the last beat plus 2.5 s)."""
    end_time = (song["lead_ticks"] + song["end_beats"] * gen.TPB) * song["spt"]
    return int(math.ceil((end_time + 2.5) * gen.SR))


def make_song_stems(gen, song, sampled_drums, seed, idx, long_song, tmpdir):
    """The song's stems in the mix, as make_song makes them.

    sampled_drums False: the dev recipe (FluidR3 for everything, GM drum kits); True: the other
    splits' recipe (MuseScore General for even indices, else TimGM6mb; Hydrogen kit samples).
    Returns (mix before 16-bit quantisation, {part: stem as in the mix}, mixing choices, soundfont).
    """
    choices = replay_mixing_rng(gen, sampled_drums, seed, idx, long_song)
    n_samples = song_length(gen, song)
    if sampled_drums:
        soundfont = gen.SF_MUSESCORE if idx % 2 == 0 else gen.SF_TIMGM
        parts = ["bass", "chords", "lead"]
    else:
        soundfont = gen.SF_FLUID
        parts = ["bass", "chords", "lead", "drums"]
    stems = gen.render_stems(song, parts, soundfont, tmpdir, n_samples, choices["pans"], choices["fx"])
    if sampled_drums:
        stems["drums"] = gen.render_sample_drums(song, choices["kit"], np.random.default_rng([seed, idx, 3]), n_samples)
    if not song["drum_hits"]:
        stems.pop("drums", None)
    y, stem_gains = master_with_stem_gains(gen, stems, choices["gains"], choices["target"])
    in_mix = {k: stems[k] * stem_gains[k][:, None] for k in stems}
    return y, in_mix, choices, soundfont, stems, stem_gains


def quantise_like_generator(y):
    """make_song's 16-bit PCM of the mix, and that PCM read back as floats (/32768)."""
    pcm = np.clip(np.round(y * 32767.0), -32768, 32767).astype(np.int16)
    return pcm, pcm.astype(np.float64) / 32768.0
