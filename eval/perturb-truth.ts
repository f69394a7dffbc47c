/**
 * Building blocks of the perturbed predictions used to cross-check the TypeScript metrics
 * against score.py (see perturbation-cases.ts): seeded random sources, jitter, dropped and
 * extra events, doubled beats, related keys, relabelled/moved chords and reshaped sections.
 */
import type { CorpusSpan, CorpusTruth } from "../src/core/evaluation/index.js";
import { createGaussianRandom, createSeededRandom, type RandomSource } from "../src/core/test-helpers/seeded-random.js";

/** A prediction as written to JSON; may deliberately break the schema. */
export type LoosePrediction = Record<string, unknown>;

export interface PerturbationCase {
  readonly name: string;
  readonly description: string;
  readonly perturb: (truth: CorpusTruth, songIndex: number, random: RandomTools) => LoosePrediction;
}

export interface RandomTools {
  /** Uniform in [0, 1). */
  readonly uniform: RandomSource;
  /** Standard normal. */
  readonly gaussian: RandomSource;
}

/** Seeded random sources for one case and song. */
export function randomTools(caseIndex: number, songIndex: number): RandomTools {
  const seed = 7919 * (caseIndex + 1) + 104729 * (songIndex + 1);
  return { uniform: createSeededRandom(seed), gaussian: createGaussianRandom(seed ^ 0x5bd1e995) };
}

export const round6 = (value: number): number => Math.round(value * 1e6) / 1e6;
export const sorted = (times: readonly number[]): number[] => [...times].sort((a, b) => a - b);

export function jitter(times: readonly number[], sigma: number, random: RandomTools): number[] {
  return sorted(times.map((time) => Math.max(0, round6(time + sigma * random.gaussian()))));
}

export function dropSome(times: readonly number[], fraction: number, random: RandomTools): number[] {
  return times.filter(() => random.uniform() >= fraction);
}

export function addSpurious(times: readonly number[], count: number, end: number, random: RandomTools): number[] {
  const extra = Array.from({ length: count }, () => round6(random.uniform() * end));
  return sorted([...times, ...extra]);
}

/** Beats at twice the rate: a beat halfway between each pair. */
export function doubled(times: readonly number[]): number[] {
  const out: number[] = [];
  times.forEach((time, index) => {
    out.push(time);
    const next = times[index + 1];
    if (next !== undefined) out.push(round6((time + next) / 2));
  });
  return out;
}

const ROOTS = ["C", "Db", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];
const PITCH_OF: Record<string, number> = {
  C: 0,
  "C#": 1,
  Db: 1,
  D: 2,
  "D#": 3,
  Eb: 3,
  E: 4,
  F: 5,
  "F#": 6,
  Gb: 6,
  G: 7,
  "G#": 8,
  Ab: 8,
  A: 9,
  "A#": 10,
  Bb: 10,
  B: 11,
};

/** Related keys of each relation, with varied spellings. */
export function relatedKey(key: string, songIndex: number): unknown {
  const [tonicName = "C", mode = "major"] = key.split(" ");
  const tonic = PITCH_OF[tonicName] ?? 0;
  const other = mode === "major" ? "minor" : "major";
  const at = (offset: number): string => ROOTS[(tonic + offset + 12) % 12]!;
  const variants: unknown[] = [
    key,
    `${at(7)} ${mode}`,
    mode === "major" ? `${at(9)} minor` : `${at(3)} major`,
    `${tonicName} ${other}`,
    `${at(2)} ${mode}`,
    mode === "minor" ? `${tonicName}m` : `${tonicName}`,
    `${tonicName.toLowerCase()} ${mode === "minor" ? "min" : "maj"}`,
    `${tonicName}:${mode === "minor" ? "min" : "maj"}`,
    `${at(5)} ${mode}`,
    `${at(0).replace("b", "♭")} ${mode}`,
    "H major",
    42,
    `  ${tonicName} ${mode}  `,
    `${at(4)} ${other}`,
  ];
  return variants[songIndex % variants.length];
}

const QUALITY_SWAPS: Record<string, string> = { maj: "min", min: "maj", "7": "maj", maj7: "7", min7: "min" };

/**
 * Chords with some labels changed and every boundary moved (by up to ~0.3·(songIndex mod 3) s,
 * order kept, so the sequence stays contiguous), some dropped (gaps), extra ones out of span.
 */
export function perturbChords(chords: readonly CorpusSpan[], songIndex: number, random: RandomTools): unknown[] {
  const spread = (songIndex % 3) * 0.15;
  const starts: number[] = [];
  chords.forEach((chord, index) => {
    const moved = index === 0 ? chord.start : chord.start + spread * random.gaussian();
    starts.push(round6(Math.max(moved, (starts[index - 1] ?? 0) + 0.01)));
  });
  const lastEnd = round6((chords.at(-1)?.end ?? 0) + spread * random.gaussian());
  const out: Record<string, unknown>[] = [];
  chords.forEach((chord, index) => {
    const start = starts[index]!;
    const end = starts[index + 1] ?? lastEnd;
    let label = chord.label;
    const draw = random.uniform();
    if (draw < 0.1 || !(end > start)) return; // a gap: score.py carries the previous label across it
    if (draw < 0.25 && label !== "N") {
      const [root = "C", quality = "maj"] = label.split(":");
      label = `${root}:${QUALITY_SWAPS[quality] ?? "maj"}`;
    } else if (draw < 0.35 && label !== "N") {
      label = `${ROOTS[Math.floor(random.uniform() * 12)]}:${label.split(":")[1] ?? "maj"}`;
    } else if (draw < 0.4) {
      label = ODD_CHORD_LABELS[Math.floor(random.uniform() * ODD_CHORD_LABELS.length)]!;
    }
    out.push({ start, end, label });
  });
  if (songIndex % 4 === 1) out.push({ start: 1e4, end: 1e4 + 1, label: "C:maj" }); // beyond the reference span
  if (songIndex % 5 === 2) out.shift(); // starts late: padded with N
  return out;
}

const ODD_CHORD_LABELS = [
  "X",
  "N",
  "C:aug",
  "G:sus4",
  "D:min/b3",
  "E:maj(9)",
  "Fb:7",
  "nonsense",
  "A:hdim7",
  "B:maj6",
  "C#:min(*b3)",
  "Ab:(3,5)",
];

export function perturbSections(sections: readonly CorpusSpan[], songIndex: number, random: RandomTools): unknown[] {
  const mode = songIndex % 5;
  const spans = sections.map((section) => ({ ...section }));
  if (mode === 0) {
    // merge neighbours pairwise
    const merged: CorpusSpan[] = [];
    for (let index = 0; index < spans.length; index += 2) {
      const next = spans[index + 1];
      merged.push(
        next === undefined ? spans[index]! : { start: spans[index]!.start, end: next.end, label: spans[index]!.label },
      );
    }
    return merged;
  }
  if (mode === 1) {
    // split each in two, second half relabelled
    return spans.flatMap((section) => {
      const middle = round6((section.start + section.end) / 2);
      return [
        { start: section.start, end: middle, label: section.label },
        { start: middle, end: section.end, label: `${section.label}-b` },
      ];
    });
  }
  if (mode === 2) {
    // boundaries moved by up to ±1 s, labels upper-cased (pairwise F ignores case)
    const shifts = spans.map(() => random.uniform() * 2 - 1);
    return spans.map((section, index) => ({
      start: index === 0 ? 0 : round6(section.start + shifts[index]!),
      end: index === spans.length - 1 ? section.end : round6(section.end + shifts[index + 1]!),
      label: section.label.toUpperCase(),
    }));
  }
  if (mode === 3) {
    // ends early and starts late: padding at both ends; labels anonymised
    return spans
      .slice(1, -1)
      .map((section, index) => ({ start: section.start, end: section.end, label: `S${index % 3}` }));
  }
  // exact boundaries offset by 0.5 s (on the window edge) and one section dropped
  return spans
    .filter((_, index) => index !== 2)
    .map((section) => ({ start: round6(section.start + 0.5), end: round6(section.end + 0.5), label: section.label }));
}
