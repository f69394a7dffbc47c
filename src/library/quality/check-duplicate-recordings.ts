/**
 * Duplicate recordings by audio, whatever the tags say: tracks with a fingerprint
 * (core/fingerprint, filled in by the caller) whose best-alignment comparison passes
 * `isSameRecording` at `recordingMinScore`. Only candidate pairs are compared
 * (fingerprint-candidates.ts: durations within the tolerance and shared exact sub-fingerprint
 * values), so a library of 25,000 prints needs no all-pairs comparison. Matching pairs become
 * groups (union-find); see track-copies.ts for severities. Extra details:
 * { matches: [{ paths: [a, b], score, offsetSeconds }] }.
 */
import { basename } from "node:path";
import { fingerprintSimilarity, isSameRecording } from "../../core/fingerprint/index.js";
import { fingerprintCandidates } from "./fingerprint-candidates.js";
import type { QualityContext } from "./quality-context.js";
import type { QualityTrack } from "./quality-input.js";
import type { QualityIssue } from "./quality-issue.js";
import { explainedByAlbumCopies, trackCopiesIssue } from "./track-copies.js";
import { createUnionFind } from "./union-find.js";

export function checkDuplicateRecordings(context: QualityContext, setOf: ReadonlyMap<string, number>): QualityIssue[] {
  const printed = context.input.tracks.filter(
    (track): track is QualityTrack & { fingerprint: Uint32Array } =>
      track.fingerprint !== undefined && track.fingerprint.length > 0,
  );
  if (printed.length < 2) return [];
  const candidates = fingerprintCandidates(
    printed.map((track) => track.fingerprint),
    printed.map((track) => track.facts.durationSeconds),
    { durationToleranceSeconds: context.options.durationToleranceSeconds },
  );
  const groups = createUnionFind(printed.length);
  const matches: { left: number; right: number; score: number; offsetSeconds: number }[] = [];
  for (const [left, right] of candidates) {
    const match = fingerprintSimilarity(printed[left]!.fingerprint, printed[right]!.fingerprint);
    if (!isSameRecording(match, context.options.recordingMinScore)) continue;
    groups.union(left, right);
    matches.push({ left, right, score: match.score, offsetSeconds: match.offsetSeconds });
  }
  const issues: QualityIssue[] = [];
  for (const members of groups.groups()) {
    const copies = members.map((index) => printed[index]!);
    if (explainedByAlbumCopies(copies, setOf)) continue;
    const root = groups.find(members[0]!);
    const groupMatches = matches
      .filter((match) => groups.find(match.left) === root)
      .map((match) => ({
        paths: [printed[match.left]!.path, printed[match.right]!.path],
        score: Math.round(match.score * 1000) / 1000,
        offsetSeconds: Math.round(match.offsetSeconds * 100) / 100,
      }));
    const first = copies[0]!;
    const name = first.tags.title ?? basename(first.path);
    issues.push(
      trackCopiesIssue("duplicate-recording", `Same recording as ${name}`, copies, context.input.root, {
        matches: groupMatches,
      }),
    );
  }
  return issues;
}
