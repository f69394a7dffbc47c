/**
 * Perturbed predictions made from ground-truth files, for cross-checking the TypeScript
 * metrics against the reference scorer (score.py + mir_eval): each case degrades the truth
 * in known ways (jitter, shifts, dropped and extra events, metrical errors, related keys,
 * relabelled and moved chords, merged and split sections, malformed values, random
 * predictions) and, across songs, varies the amount so that many code paths and window edges
 * are exercised. Deterministic: seeded by case and song index (`randomTools`).
 */
import {
  addSpurious,
  doubled,
  dropSome,
  jitter,
  type PerturbationCase,
  perturbChords,
  perturbSections,
  relatedKey,
  round6,
  sorted,
} from "./perturb-truth.js";

export const PERTURBATION_CASES: readonly PerturbationCase[] = [
  {
    name: "truth",
    description: "the truth itself (perfect scores)",
    perturb: (truth) => ({
      tempo: truth.tempo,
      beats: truth.beats,
      downbeats: truth.downbeats,
      time_signature: truth.time_signature,
      key: truth.key,
      chords: truth.chords,
      sections: truth.sections,
      onsets: truth.onsets,
      drums: truth.drums,
      notes: truth.notes,
      loudness: truth.loudness,
    }),
  },
  {
    name: "jitter",
    description: "Gaussian jitter of every time (σ 10–40 ms), MIDI pitch ±0.2–0.35, loudness errors",
    perturb: (truth, songIndex, random) => {
      const sigma = 0.01 + 0.01 * (songIndex % 4);
      const pitchSigma = 0.2 + 0.05 * (songIndex % 4);
      return {
        tempo: truth.tempo * (1 + 0.02 * random.gaussian()),
        beats: jitter(truth.beats, sigma, random),
        downbeats: jitter(truth.downbeats, sigma, random),
        onsets: jitter(truth.onsets, sigma, random),
        drums: Object.fromEntries(
          Object.entries(truth.drums).map(([name, hits]) => [name, jitter(hits ?? [], sigma, random)]),
        ),
        notes: truth.notes.map((note) => {
          const onset = Math.max(0, round6(note.onset + sigma * random.gaussian()));
          const offset = round6(Math.max(onset + 0.01, note.offset + 2 * sigma * random.gaussian()));
          return {
            onset,
            offset,
            midi: round6(note.midi + Math.max(-0.45, Math.min(0.45, pitchSigma * random.gaussian()))),
          };
        }),
        loudness: {
          integrated_lufs: (truth.loudness.integrated_lufs ?? 0) + random.gaussian(),
          lra: (truth.loudness.lra ?? 0) + random.gaussian(),
          ...(songIndex % 3 === 0 ? {} : { true_peak_dbtp: (truth.loudness.true_peak_dbtp ?? 0) + random.gaussian() }),
        },
      };
    },
  },
  {
    name: "shift-drop",
    description: "beats shifted by 0–90 ms (incl. exactly 70 ms), 15 % dropped, extras; downbeats off by a beat",
    perturb: (truth, songIndex, random) => {
      const shift = [0.03, 0.06, 0.07, 0.0701, 0.09, -0.07, 0.05, -0.05][songIndex % 8]!;
      const beats = truth.beats.map((time) => round6(time + shift));
      return {
        beats: addSpurious(dropSome(beats, 0.15, random), songIndex % 5, truth.duration, random),
        downbeats:
          songIndex % 2 === 0
            ? truth.beats.filter((_, index) => truth.beat_positions?.[index] === 2)
            : truth.downbeats.map((time) => round6(time + shift)),
        onsets: truth.onsets.map((time) => round6(time + shift * 0.7)),
        time_signature: songIndex % 3 === 0 ? truth.time_signature : truth.time_signature === "4/4" ? "3/4" : " 4/4 ",
      };
    },
  },
  {
    name: "metrical",
    description: "tempo ×2, ×½, ×3, ×⅓, ±3.9 %/4.1 %; beats doubled, halved, off-beat",
    perturb: (truth, songIndex) => {
      const variant = songIndex % 6;
      const tempo = truth.tempo * [2, 0.5, 3, 1 / 3, 1.039, 0.959][variant]!;
      const beats = [
        doubled(truth.beats),
        truth.beats.filter((_, index) => index % 2 === 0),
        doubled(truth.beats).filter((_, index) => index % 2 === 1),
        truth.beats.filter((_, index) => index % 2 === 1),
        truth.beats.map((time, index) => round6(time * 1.01 + (index % 7 === 0 ? 0.1 : 0))),
        truth.beats.slice(0, 3),
      ][variant]!;
      return { tempo, beats, downbeats: truth.beats };
    },
  },
  {
    name: "keys",
    description:
      "keys of every relation (same, fifth, relative, parallel, other) and spellings (Am, a min, A:min, ♭, invalid)",
    perturb: (truth, songIndex) => ({ key: relatedKey(truth.key, songIndex) }),
  },
  {
    name: "chords",
    description: "chords relabelled (quality, root, odd labels, X, invalid), boundaries moved, gaps, out-of-span",
    perturb: (truth, songIndex, random) => ({ chords: perturbChords(truth.chords, songIndex, random) }),
  },
  {
    name: "sections",
    description: "sections merged, split, moved ±1 s, upper-cased, anonymised, cropped, offset by exactly 0.5 s",
    perturb: (truth, songIndex, random) => ({ sections: perturbSections(truth.sections, songIndex, random) }),
  },
  {
    name: "events",
    description: "onsets/drums/notes with missing and extra events, swapped drum classes, onsets on the 50 ms edge",
    perturb: (truth, songIndex, random) => {
      const drums = truth.drums;
      const variant = songIndex % 4;
      return {
        onsets: addSpurious(
          dropSome(
            truth.onsets.map((time) => round6(time + (songIndex % 2 ? 0.05 : 0.049))),
            0.3,
            random,
          ),
          20,
          truth.duration,
          random,
        ),
        drums:
          variant === 0
            ? { kick: dropSome(drums.kick ?? [], 0.3, random), snare: drums.hihat, hihat: drums.snare }
            : variant === 1
              ? { kick: drums.kick, snare: [] }
              : variant === 2
                ? {
                    kick: addSpurious(drums.kick ?? [], 30, truth.duration, random),
                    snare: jitter(drums.snare ?? [], 0.03, random),
                    hihat: dropSome(drums.hihat ?? [], 0.5, random),
                    tom: [1, 2],
                  }
                : { hihat: null },
        notes: truth.notes
          .filter(() => random.uniform() > 0.2)
          .map((note) => ({
            onset: round6(note.onset + 0.045 * (random.uniform() * 2 - 1)),
            offset: round6(note.offset * (variant === 3 ? 1.02 : 1) + 0.1 * random.gaussian()),
            midi: note.midi + (variant === 1 ? 12 : 0),
          })),
      };
    },
  },
  {
    name: "malformed",
    description: "wrong types, strings for numbers, nulls, empty lists, unsorted lists, bad notes",
    perturb: (truth, songIndex) => {
      const variant = songIndex % 4;
      if (variant === 0)
        return {
          tempo: "abc",
          beats: [],
          downbeats: [],
          chords: [],
          sections: [],
          onsets: [],
          drums: {},
          notes: [],
          key: null,
        };
      if (variant === 1)
        return {
          tempo: String(truth.tempo),
          beats: [...truth.beats].reverse().map(String),
          downbeats: "12",
          chords: "C:maj",
          sections: {},
          onsets: null,
          drums: [],
          notes: [{ onset: 1, offset: 0.5, midi: 60 }, "x", { onset: "2", offset: "3", midi: "Infinity" }],
          loudness: { integrated_lufs: null, lra: "7.5" },
        };
      if (variant === 2)
        return {
          tempo: null,
          beats: [5.5, "nan", 6, 6.5, "1_0.25", " 7 ", "Infinity"],
          time_signature: 4,
          sections: [
            { start: 0, end: 0 },
            { start: "1", end: 3, label: 7 },
          ],
          chords: [{ start: 0, end: 5 }, { start: 5, end: 10, label: null }, [1, 2]],
          loudness: {},
        };
      return {
        tempo: true,
        beats: [truth.beats[10]],
        downbeats: [truth.downbeats[3]],
        chords: [{ start: -5, end: truth.duration + 5, label: "N" }],
        sections: [{ start: 0, end: truth.duration, label: "all" }],
        onsets: [truth.onsets[0]],
        notes: [truth.notes[0]],
      };
    },
  },
  {
    name: "random",
    description: "random events at the truth's density (dense, overlapping windows), random chord labels and sections",
    perturb: (truth, songIndex, random) => {
      const end = truth.duration;
      const randomTimes = (count: number): number[] =>
        sorted(Array.from({ length: count }, () => round6(random.uniform() * end)));
      const labels = ["C:maj", "A:min", "G:7", "F:maj7", "D:min7", "E:min", "Bb:maj", "N", "X", "C:maj/5"];
      const chordCuts = randomTimes(40 + songIndex);
      const sectionCuts = randomTimes(3 + (songIndex % 6));
      const spans = (cuts: number[], names: readonly string[]): unknown[] =>
        cuts.slice(0, -1).map((start, index) => ({
          start,
          end: cuts[index + 1],
          label: names[Math.floor(random.uniform() * names.length)],
        }));
      return {
        tempo: 60 + 120 * random.uniform(),
        beats: randomTimes(truth.beats.length),
        downbeats: randomTimes(truth.downbeats.length * 2),
        onsets: randomTimes(truth.onsets.length),
        drums: {
          kick: randomTimes((truth.drums.kick ?? []).length * 2),
          snare: randomTimes(40),
          hihat: randomTimes(200),
        },
        chords: spans(chordCuts, labels),
        sections: spans([0, ...sectionCuts, end], ["verse", "chorus", "Verse", "bridge"]),
        notes: randomTimes(truth.notes.length).map((onset) => ({
          onset,
          offset: round6(onset + 0.05 + random.uniform() * 0.5),
          midi: 60 + Math.floor(random.uniform() * 24),
        })),
      };
    },
  },
];
