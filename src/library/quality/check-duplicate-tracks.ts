/**
 * Duplicate tracks by their tags: the same comparable artist (guests dropped) and a title
 * that is equal or near-identical after folding edition decorations (comparable-text.ts:
 * similarity ≥ `titleSimilarity`, same digits), with durations within
 * `durationToleranceSeconds` (when a duration is unknown, the titles must be equal).
 * Cost: tracks are blocked by artist, and within an artist sorted by duration, so each track
 * is compared only with the few of the same artist and nearly the same length: O(n log n)
 * plus the pairs inside those windows, never all pairs. Pairs become groups (union-find).
 * See track-copies.ts for severities and details.
 */
import { artistKey, similarTitles, titleKey } from "./comparable-text.js";
import { entryOf } from "./map-entry.js";
import type { QualityContext } from "./quality-context.js";
import type { QualityTrack } from "./quality-input.js";
import type { QualityIssue } from "./quality-issue.js";
import { explainedByAlbumCopies, trackCopiesIssue } from "./track-copies.js";
import { createUnionFind } from "./union-find.js";

interface Keyed {
  readonly index: number;
  readonly title: string;
  readonly duration: number | null;
}

function blank(value: string | null): value is null {
  return value === null || value.trim() === "";
}

export function checkDuplicateTracks(context: QualityContext, setOf: ReadonlyMap<string, number>): QualityIssue[] {
  const { titleSimilarity, durationToleranceSeconds } = context.options;
  const tracks = context.input.tracks;
  const byArtist = new Map<string, Keyed[]>();
  tracks.forEach((track, index) => {
    const { artist, title } = track.tags;
    if (track.readError !== null || blank(artist) || blank(title)) return;
    const key = artistKey(artist);
    const list = entryOf(byArtist, key, () => []);
    list.push({ index, title: titleKey(title), duration: track.facts.durationSeconds });
  });
  const groups = createUnionFind(tracks.length);
  for (const list of byArtist.values()) {
    if (list.length < 2) continue;
    // Unknown durations: equal titles only.
    const byTitle = new Map<string, Keyed[]>();
    for (const keyed of list) {
      const same = entryOf(byTitle, keyed.title, () => []);
      same.push(keyed);
    }
    for (const same of byTitle.values()) {
      for (const untimed of same) {
        if (untimed.duration !== null) continue;
        for (const other of same) if (other !== untimed) groups.union(untimed.index, other.index);
      }
    }
    const timed = list.filter((keyed) => keyed.duration !== null).sort((a, b) => a.duration! - b.duration!);
    for (let i = 0; i < timed.length; i++) {
      const left = timed[i]!;
      for (let j = i + 1; j < timed.length && timed[j]!.duration! - left.duration! <= durationToleranceSeconds; j++) {
        const right = timed[j]!;
        if (similarTitles(left.title, right.title, titleSimilarity)) groups.union(left.index, right.index);
      }
    }
  }
  const issues: QualityIssue[] = [];
  for (const members of groups.groups()) {
    const copies: QualityTrack[] = members.map((index) => tracks[index]!);
    if (explainedByAlbumCopies(copies, setOf)) continue;
    const first = copies[0]!;
    issues.push(
      trackCopiesIssue("duplicate-track", `${first.tags.artist} – ${first.tags.title}`, copies, context.input.root),
    );
  }
  return issues;
}
