/**
 * What `tonearm library apply` would change: for each track, the genre values it has and
 * the values it should have — the album's decided genres when a person or the automatic
 * threshold settled them, else the normalised form of the values it already carries (so a
 * library with no online source still gets standardised). Tracks whose values would not
 * change, and tracks whose tags could not be read, are left out. Pure: the caller supplies
 * the tracks, the decisions and the normaliser.
 */

export interface PlannableTrack {
  readonly path: string;
  readonly albumId: string | null;
  readonly genres: readonly string[];
  readonly readError: string | null;
}

export interface PlannedTagWrite {
  readonly path: string;
  readonly albumId: string | null;
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** Why: the album's decided genres, or the normalised form of the file's own. */
  readonly reason: "decided" | "normalised";
}

/** The values to store for a list of genres (e.g. joined "Rock; Alternative", or one per value). */
export type GenreValueFormatter = (genres: readonly string[]) => string[];
/** The normalised values for what a file carries (unknown labels kept, spelling fixed). */
export type ExistingGenreNormaliser = (values: readonly string[]) => string[];

export function planTagWrites(
  tracks: readonly PlannableTrack[],
  decidedGenres: ReadonlyMap<string, readonly string[]>,
  format: GenreValueFormatter,
  normaliseExisting: ExistingGenreNormaliser,
): PlannedTagWrite[] {
  const plan: PlannedTagWrite[] = [];
  for (const track of tracks) {
    if (track.readError !== null) continue;
    const decided = track.albumId === null ? undefined : decidedGenres.get(track.albumId);
    const after =
      decided !== undefined && decided.length > 0
        ? format(decided)
        : track.genres.length > 0
          ? format(normaliseExisting(track.genres))
          : [];
    if (after.length === 0 || sameValues(after, track.genres)) continue;
    plan.push({
      path: track.path,
      albumId: track.albumId,
      before: track.genres,
      after,
      reason: decided !== undefined && decided.length > 0 ? "decided" : "normalised",
    });
  }
  return plan.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
