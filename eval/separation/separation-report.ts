/**
 * Tables of the drum-separation eval: per song and per split, SDR / SI-SDR / BSS Eval SDR of
 * each estimate (the mix itself, plain HPSS, the learned mask), in markdown.
 */
import type { DrumReferenceStats } from "./drum-reference-cache.js";

export const ESTIMATES = ["mix", "hpss", "learned"] as const;
export type EstimateName = (typeof ESTIMATES)[number];

export const ESTIMATE_LABELS: Readonly<Record<EstimateName, string>> = {
  mix: "mix (baseline)",
  hpss: "HPSS (Fitzgerald 2010)",
  learned: "learned mask (final)",
};

export interface EstimateScores {
  readonly sdr: number;
  readonly siSdr: number;
  /** null when BSS Eval was skipped (--no-bss). */
  readonly bssSdr: number | null;
}

export interface SongResult {
  readonly id: string;
  readonly split: string;
  readonly durationSeconds: number;
  readonly drumSource: string;
  readonly soundfont: string;
  readonly reference: DrumReferenceStats;
  readonly scores: Readonly<Record<EstimateName, EstimateScores>>;
  /** Wall time of each separation, milliseconds. */
  readonly hpssMilliseconds: number;
  readonly learnedMilliseconds: number;
}

const decibels = (value: number | null): string =>
  value === null ? "–" : Number.isFinite(value) ? value.toFixed(2) : String(value);

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** One row per song: the three metrics for the three estimates. */
export function songTable(results: readonly SongResult[]): string {
  const header =
    "| song | drums | SDR mix | SDR HPSS | SDR learned | SI-SDR mix | SI-SDR HPSS | SI-SDR learned | BSS SDR mix | BSS SDR HPSS | BSS SDR learned |";
  const rule = `|${" --- |".repeat(2)}${" ---: |".repeat(9)}`;
  const rows = results.map((result) => {
    const cells = [result.id, result.drumSource];
    for (const metric of ["sdr", "siSdr", "bssSdr"] as const) {
      for (const estimate of ESTIMATES) cells.push(decibels(result.scores[estimate][metric]));
    }
    return `| ${cells.join(" | ")} |`;
  });
  return [header, rule, ...rows].join("\n");
}

/** Mean (and median SDR) per estimate over a split's songs. */
export function summaryTable(results: readonly SongResult[]): string {
  const header = "| estimate | mean SDR (dB) | median SDR | mean SI-SDR | mean BSS Eval SDR |";
  const rule = "| --- | ---: | ---: | ---: | ---: |";
  const rows = ESTIMATES.map((estimate) => {
    const sdrs = results.map((result) => result.scores[estimate].sdr);
    const siSdrs = results.map((result) => result.scores[estimate].siSdr);
    const bss = results.map((result) => result.scores[estimate].bssSdr);
    const bssMean = bss.every((value): value is number => value !== null) ? decibels(mean(bss)) : "–";
    return `| ${ESTIMATE_LABELS[estimate]} | ${decibels(mean(sdrs))} | ${decibels(median(sdrs))} | ${decibels(mean(siSdrs))} | ${bssMean} |`;
  });
  return [header, rule, ...rows].join("\n");
}

/** How faithful the references are, in one paragraph. */
export function referenceSummary(results: readonly SongResult[]): string {
  const exact = results.filter((result) => result.reference.mix_max_abs_diff_lsb === 0).length;
  const allChecks = results.filter((result) => Object.values(result.reference.checks).every((ok) => ok)).length;
  const correlations = results.map((result) => result.reference.reference_vs_mix_minus_others.correlation);
  const snrs = results.map((result) => result.reference.reference_vs_mix_minus_others.snr_db);
  const alone = results
    .map((result) => result.reference.drum_channel_only_render_vs_reference)
    .filter((value) => value !== undefined);
  let text =
    `${exact} of ${results.length} re-made mixes equal the corpus WAV sample for sample; ${allChecks} pass every check ` +
    `(MIDI, gains, loudness target, kit). Reference against corpus mix − other stems: correlation ≥ 1 − ` +
    `${(1 - Math.min(...correlations)).toExponential(1)}, SNR ${Math.min(...snrs).toFixed(1)}–${Math.max(...snrs).toFixed(1)} dB ` +
    "(the 16-bit quantisation of the corpus file).";
  if (alone.length > 0) {
    const aloneCorrelation = alone.map((value) => value.correlation);
    text +=
      ` A drums-only fluidsynth render of the MIDI file (channel 10 alone) correlates only ` +
      `${Math.min(...aloneCorrelation).toFixed(2)}–${Math.max(...aloneCorrelation).toFixed(2)} with it ` +
      `(mean SNR ${mean(alone.map((value) => value.snr_db_after_same_mix_gains)).toFixed(1)} dB after the same mix gains).`;
  }
  return text;
}

/** Seconds of separation per second of audio for a method, over all songs. */
export function speedSummary(results: readonly SongResult[]): { hpss: number; learned: number } {
  const audio = results.reduce((sum, result) => sum + result.durationSeconds, 0);
  const hpss = results.reduce((sum, result) => sum + result.hpssMilliseconds, 0) / 1000;
  const learned = results.reduce((sum, result) => sum + result.learnedMilliseconds, 0) / 1000;
  return { hpss: hpss / audio, learned: learned / audio };
}
