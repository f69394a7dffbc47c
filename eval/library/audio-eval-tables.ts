/**
 * The tables and computed sentences of docs/eval-library-audio.md (audio-eval-document.ts): the
 * accuracy grid, what the nearest album shares, the minimum-similarity trade-off, routes,
 * agreeing offline sources and the confusion of true and suggested genres.
 */
import { routeFor } from "../../src/library/suggest/aggregate-genres.js";
import type { AudioVectorKind } from "../../src/library/suggest/audio-feature-vector.js";
import type { HoldOutScore } from "./leave-out-evaluation.js";

export interface GridRow {
  readonly kind: AudioVectorKind;
  readonly spread: boolean;
  readonly metric: string;
  readonly k: number;
  readonly albums: number;
  readonly album: number;
  readonly artist: number;
}

/** What a vector's nearest neighbour shares with the album (one album out, cosine, k = 1). */
export interface KnowledgeRow {
  readonly kind: AudioVectorKind;
  readonly spread: boolean;
  readonly score: HoldOutScore;
  /** Top-1 of the nearest-centroid baseline (centroid-baseline.ts), album out and artist out. */
  readonly centroid: { readonly album: number; readonly artist: number };
}

/** The confidence `aggregateGenres` gives when these sources all name the same genre at weight 1. */
export interface CombinationRow {
  readonly sources: readonly string[];
  readonly confidence: number;
}

export interface ThresholdRow {
  readonly minSimilarity: number;
  readonly album: HoldOutScore;
  readonly artist: HoldOutScore;
  readonly genre: HoldOutScore;
}

export const percent = (value: number | null) => (value === null ? "—" : `${Math.round(100 * value)} %`);
export const aggregation = (spread: boolean) => (spread ? "mean + std" : "mean");

export function gridTable(grid: readonly GridRow[]): string {
  const ks = [...new Set(grid.map((row) => row.k))];
  const lines = [
    `| vector | album vector | metric | ${ks.map((k) => `k = ${k}`).join(" | ")} |`,
    `| --- | --- | --- | ${ks.map(() => "---").join(" | ")} |`,
  ];
  const groups = new Map<string, GridRow[]>();
  for (const row of grid) {
    const key = `${row.kind}|${row.spread}|${row.metric}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const rows of groups.values()) {
    const first = rows[0] as GridRow;
    const cells = ks.map((k) => {
      const row = rows.find((candidate) => candidate.k === k);
      return row === undefined ? "—" : `${percent(row.album)} / ${percent(row.artist)}`;
    });
    lines.push(
      `| ${first.kind} (${first.albums} albums) | ${aggregation(first.spread)} | ${first.metric} | ${cells.join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

export function knowledgeTable(rows: readonly KnowledgeRow[]): string {
  const lines = [
    "| vector | album vector | nearest: same genre | nearest: same artist | nearest: same soundfont | nearest centroid: top-1 |",
    "| --- | --- | --- | --- | --- | --- |",
  ];
  for (const { kind, spread, score, centroid } of rows) {
    lines.push(
      `| ${kind} | ${aggregation(spread)} | ${percent(score.nearestSameGenre)} | ${percent(score.nearestSameArtist)} | ${percent(score.nearestSameSoundfont)} | ${percent(centroid.album)} / ${percent(centroid.artist)} |`,
    );
  }
  return lines.join("\n");
}

export function combinationTable(rows: readonly CombinationRow[]): string {
  const lines = ["| agreeing sources | confidence | route |", "| --- | --- | --- |"];
  for (const { sources, confidence } of rows) {
    lines.push(`| ${sources.join(" + ")} | ${confidence.toFixed(1)} | ${routeFor(confidence)} |`);
  }
  return lines.join("\n");
}

export function thresholdTable(rows: readonly ThresholdRow[]): string {
  const lines = [
    "| min. similarity | album out: top-1 · coverage · top-1 where covered | artist out: top-1 · coverage · top-1 where covered | unseen genre: albums given (wrong) evidence |",
    "| --- | --- | --- | --- |",
  ];
  const cell = (score: HoldOutScore) =>
    `${percent(score.top1)} · ${percent(score.coverage)} · ${percent(score.top1Covered)}`;
  for (const row of rows) {
    lines.push(`| ${row.minSimilarity} | ${cell(row.album)} | ${cell(row.artist)} | ${percent(row.genre.coverage)} |`);
  }
  return lines.join("\n");
}

export function routeTable(details: {
  readonly album: HoldOutScore;
  readonly artist: HoldOutScore;
  readonly genre: HoldOutScore;
}): string {
  const lines = [
    "| held out | top-1 | auto (≥ 95) | review (80–94) | manual (< 80) | no evidence | highest confidence | nearest: same genre | nearest: same soundfont |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  const names = { album: "one album", artist: "one artist", genre: "one genre (unseen)" } as const;
  for (const key of ["album", "artist", "genre"] as const) {
    const score = details[key];
    const { auto, review, manual, none } = score.routes;
    lines.push(
      `| ${names[key]} | ${percent(score.top1)} | ${auto} | ${review} | ${manual} | ${none} | ${score.maxConfidence.toFixed(1)} | ${percent(score.nearestSameGenre)} | ${percent(score.nearestSameSoundfont)} |`,
    );
  }
  return lines.join("\n");
}

export function confusionTable(score: HoldOutScore): string {
  const genres = [...score.confusion.keys()];
  const columns = [...genres, "—"];
  const lines = [`| true \\ suggested | ${columns.join(" | ")} |`, `| --- | ${columns.map(() => "---").join(" | ")} |`];
  for (const genre of genres) {
    const row = score.confusion.get(genre);
    lines.push(`| ${genre} | ${columns.map((column) => row?.get(column) ?? 0).join(" | ")} |`);
  }
  return lines.join("\n");
}

/** How often cosine matched or beat euclidean under artist hold-out, over the grid's cells. */
export function metricSentence(grid: readonly GridRow[]): string {
  let cells = 0;
  let cosineAhead = 0;
  for (const row of grid) {
    if (row.metric !== "cosine") continue;
    const other = grid.find(
      (candidate) =>
        candidate.metric === "euclidean" &&
        candidate.kind === row.kind &&
        candidate.spread === row.spread &&
        candidate.k === row.k,
    );
    if (other === undefined) continue;
    cells++;
    if (row.artist >= other.artist) cosineAhead++;
  }
  return `Under artist hold-out, cosine matched or beat the euclidean similarity in ${cosineAhead} of ${cells} cells.`;
}

export function thresholdSentence(rows: readonly ThresholdRow[], minSimilarity: number): string {
  const none = rows.find((row) => row.minSimilarity === 0);
  const chosen = rows.find((row) => row.minSimilarity === minSimilarity);
  if (none === undefined || chosen === undefined) return "";
  return `At the default minimum similarity (${minSimilarity}) held-out top-1 is ${percent(chosen.album.top1)} / ${percent(
    chosen.artist.top1,
  )} (album / artist out; ${percent(none.album.top1)} / ${percent(none.artist.top1)} with no minimum) and ${percent(
    chosen.genre.coverage,
  )} of the albums of an unseen genre get (wrong) evidence (${percent(none.genre.coverage)} with no minimum).`;
}
