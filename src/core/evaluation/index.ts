/**
 * Evaluation metrics with mir_eval's exact definitions, and the corpus scorer built on them
 * (the TypeScript twin of ../shared/corpus/score.py). Used by eval/ and by tests.
 */
export * from "./beat-continuity.js";
export * from "./beat-metrics.js";
export * from "./bipartite-matching.js";
export * from "./chord-comparison.js";
export * from "./chord-label.js";
export * from "./chord-metrics.js";
export * from "./corpus-metrics.js";
export * from "./corpus-schema.js";
export * from "./drum-metrics.js";
export * from "./f-measure.js";
export * from "./key-metrics.js";
export * from "./labeled-intervals.js";
export * from "./loudness-metrics.js";
export * from "./match-events.js";
export * from "./note-metrics.js";
export * from "./onset-metrics.js";
export * from "./python-values.js";
export * from "./round-half-even.js";
export * from "./score-song.js";
export * from "./segment-metrics.js";
export * from "./tempo-metrics.js";
