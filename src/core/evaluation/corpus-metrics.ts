/**
 * The corpus metrics, in the corpus scorer's order (score.py `METRICS`), with the field each
 * needs, whether lower is better, and the short column names PEERS.md uses; plus the summary
 * over songs: for each metric the mean over the songs that have it and its coverage.
 * Reference: ../shared/corpus/score.py, SCHEMA.md, PEERS.md.
 */

export interface CorpusMetric {
  /** score.py's metric name, e.g. "beat.f_measure". */
  readonly name: string;
  /** The prediction field it needs. */
  readonly field: string;
  readonly lowerIsBetter: boolean;
  /** Column heading in PEERS.md's table, when that table has the metric. */
  readonly peersColumn?: string;
}

const metric = (name: string, field: string, peersColumn?: string, lowerIsBetter = false): CorpusMetric =>
  peersColumn === undefined ? { name, field, lowerIsBetter } : { name, field, lowerIsBetter, peersColumn };

/** All metrics in score.py's order. */
export const CORPUS_METRICS: readonly CorpusMetric[] = [
  metric("tempo.acc1", "tempo", "tempo Acc1"),
  metric("tempo.acc2", "tempo", "tempo Acc2"),
  metric("tempo.abs_err_bpm", "tempo", undefined, true),
  metric("beat.f_measure", "beats", "beat F"),
  metric("beat.cmlt", "beats"),
  metric("beat.amlt", "beats"),
  metric("downbeat.f_measure", "downbeats", "downbeat F"),
  metric("meter.accuracy", "time_signature"),
  metric("key.weighted", "key", "key wtd"),
  metric("key.accuracy", "key", "key acc"),
  metric("chord.root", "chords"),
  metric("chord.majmin", "chords", "chord majmin"),
  metric("chord.sevenths", "chords", "chord 7ths"),
  metric("section.boundary_f_0.5", "sections", "sect F@0.5"),
  metric("section.boundary_f_3", "sections", "sect F@3"),
  metric("section.pairwise_f", "sections", "sect pairF"),
  metric("onset.f_measure", "onsets", "onset F"),
  metric("drums.kick_f", "drums"),
  metric("drums.snare_f", "drums"),
  metric("drums.hihat_f", "drums"),
  metric("drums.mean_f", "drums"),
  metric("notes.onset_f", "notes", "melody F"),
  metric("notes.onset_offset_f", "notes"),
  metric("loudness.integrated_abs_err", "loudness", "LUFS err", true),
  metric("loudness.lra_abs_err", "loudness", "LRA err", true),
  metric("loudness.true_peak_abs_err", "loudness", "TP err", true),
];

/** PEERS.md's column order (without the final "× real time"). */
export const PEERS_COLUMNS: readonly string[] = [
  "tempo Acc1",
  "tempo Acc2",
  "beat F",
  "downbeat F",
  "key acc",
  "key wtd",
  "chord majmin",
  "chord 7ths",
  "sect F@0.5",
  "sect F@3",
  "sect pairF",
  "onset F",
  "melody F",
  "LUFS err",
  "LRA err",
  "TP err",
];

/** Metric values of one song, by metric name; absent metrics were not scored. */
export type SongScores = Readonly<Record<string, number>>;

export interface MetricSummary {
  readonly name: string;
  /** Mean over the songs that have the metric (NaN propagates, as with numpy). */
  readonly mean: number;
  /** Number of songs that have the metric. */
  readonly count: number;
  /** count / number of songs. */
  readonly coverage: number;
  readonly lowerIsBetter: boolean;
}

/** Mean and coverage of each metric that at least one song has, in CORPUS_METRICS order. */
export function summarizeSongScores(perSong: readonly SongScores[]): MetricSummary[] {
  const songCount = perSong.length;
  const summaries: MetricSummary[] = [];
  for (const { name, lowerIsBetter } of CORPUS_METRICS) {
    const values = perSong.filter((scores) => Object.hasOwn(scores, name)).map((scores) => scores[name]!);
    if (values.length === 0) continue;
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    summaries.push({ name, mean, count: values.length, coverage: values.length / songCount, lowerIsBetter });
  }
  return summaries;
}
