/**
 * The library's health score, 0–100, and per-kind counts.
 * Each track counts once, at the most severe issue that names it:
 *   score = 100 · (1 − Σ_tracks weight(worst severity) / trackCount),
 * with weights error 1, warning 0.5, info 0.1 and 0 for a track no issue names, rounded to
 * one decimal. So a library where every file is unreadable scores 0, one where every track
 * only lacks its year scores 90, and one where every album has a duplicate copy scores 50.
 * Album-level findings name their tracks (see each check), so albums weigh by their size.
 * An empty library scores 100 (nothing is wrong with it).
 */

import { entryOf } from "./map-entry.js";
import {
  QUALITY_KINDS,
  QUALITY_SEVERITIES,
  type QualityIssue,
  type QualityKind,
  type QualitySeverity,
  worseSeverity,
} from "./quality-issue.js";

export type SeverityWeights = Readonly<Record<QualitySeverity, number>>;

export const HEALTH_WEIGHTS: SeverityWeights = { error: 1, warning: 0.5, info: 0.1 };

export interface KindCount {
  readonly issues: number;
  /** Distinct tracks the kind's issues name. */
  readonly tracks: number;
}

export interface LibraryHealth {
  /** 0–100, one decimal; see the module header. */
  readonly score: number;
  /** Tracks no issue names. */
  readonly cleanTracks: number;
  /** Tracks whose most severe issue has this severity. */
  readonly tracksBySeverity: Readonly<Record<QualitySeverity, number>>;
  readonly issuesBySeverity: Readonly<Record<QualitySeverity, number>>;
  /** Every kind, in report order, zero counts included. */
  readonly counts: Readonly<Record<QualityKind, KindCount>>;
}

export function libraryHealth(
  trackPaths: readonly string[],
  issues: readonly QualityIssue[],
  weights: SeverityWeights = HEALTH_WEIGHTS,
): LibraryHealth {
  const known = new Set(trackPaths);
  const worst = new Map<string, QualitySeverity>();
  const kindPaths = new Map<QualityKind, Set<string>>();
  const kindIssues = new Map<QualityKind, number>();
  const issuesBySeverity: Record<QualitySeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const issue of issues) {
    issuesBySeverity[issue.severity]++;
    kindIssues.set(issue.kind, (kindIssues.get(issue.kind) ?? 0) + 1);
    const paths = entryOf(kindPaths, issue.kind, () => new Set());
    for (const path of issue.paths) {
      if (!known.has(path)) continue;
      paths.add(path);
      const previous = worst.get(path);
      worst.set(path, previous === undefined ? issue.severity : worseSeverity(previous, issue.severity));
    }
  }
  const tracksBySeverity: Record<QualitySeverity, number> = { error: 0, warning: 0, info: 0 };
  for (const severity of worst.values()) tracksBySeverity[severity]++;
  const penalty = QUALITY_SEVERITIES.reduce((sum, severity) => sum + weights[severity] * tracksBySeverity[severity], 0);
  const score = known.size === 0 ? 100 : Math.round(1000 * (1 - penalty / known.size)) / 10;
  const counts = Object.fromEntries(
    QUALITY_KINDS.map((kind) => [kind, { issues: kindIssues.get(kind) ?? 0, tracks: kindPaths.get(kind)?.size ?? 0 }]),
  ) as Record<QualityKind, KindCount>;
  return {
    score: Math.max(0, score),
    cleanTracks: known.size - worst.size,
    tracksBySeverity,
    issuesBySeverity,
    counts,
  };
}
