/**
 * Fuzzy matching of the albums a service proposes against the album in the library, as beets'
 * autotagger does (beets/autotag/distance.py: normalised string distance plus penalties for
 * year and track count), simplified to one score in 0..1.
 *
 * Names are normalised (Unicode NFKD without marks, case, "&"/"+" → "and", punctuation,
 * a leading "The " or trailing ", The", "feat." credits, bracketed suffixes such as
 * "(Remastered 2011)" or "[Deluxe Edition]"), then compared by the optimal-string-alignment
 * variant of the Damerau–Levenshtein distance: similarity = 1 − distance / longer length.
 * Reference: Damerau (1964), "A technique for computer detection and correction of spelling
 * errors", CACM 7(3); Levenshtein (1966), Soviet Physics Doklady 10(8).
 */

export interface MatchCandidate {
  readonly artist: string;
  readonly album: string;
  readonly year?: number;
  readonly trackCount?: number;
}

export interface MatchOptions {
  /** Lowest accepted score, 0..1. */
  readonly threshold: number;
  /** Lowest similarity of each of artist and album on its own, 0..1. */
  readonly minimumNameSimilarity: number;
  /** Years apart that cost (almost) nothing: reissues are often dated a year off. */
  readonly yearTolerance: number;
}

export const MATCH_DEFAULTS: MatchOptions = { threshold: 0.75, minimumNameSimilarity: 0.7, yearTolerance: 1 };

const FEATURING = /\s+(?:feat\.?|ft\.|featuring)\s+.*$/i;
const BRACKETED_SUFFIX = /\s*[([{][^()[\]{}]*[)\]}]\s*$/;
const DASH_EDITION_SUFFIX =
  /\s+[-–—]\s+[^-–—]*\b(?:remaster(?:ed)?|deluxe|edition|version|anniversary|expanded|reissue|bonus|mono|stereo)\b[^-–—]*$/i;

/** Lower case, no diacritics, "&"/"+" → "and", punctuation → spaces, "the" prefix/suffix dropped. */
export function normaliseName(name: string): string {
  const folded = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/\s*[&+]\s*/g, " and ")
    .replace(/['’`´]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
  const withoutArticle = folded.replace(/^the\s+(?=\S)/, "").replace(/\s+the$/, "");
  return withoutArticle.replace(/\s+/g, " ");
}

/** The name without credits and edition decorations: "Abbey Road (Remastered 2019)" → "Abbey Road". */
export function stripDecorations(name: string): string {
  let stripped = name.trim();
  for (;;) {
    const next = stripped.replace(BRACKETED_SUFFIX, "").replace(DASH_EDITION_SUFFIX, "").trim();
    if (next === stripped || next === "") break;
    stripped = next;
  }
  const withoutFeaturing = stripped.replace(FEATURING, "").trim();
  return withoutFeaturing === "" ? stripped : withoutFeaturing;
}

/**
 * The name to send to a service's search: undecorated, and a sort-form "Beatles, The" turned
 * back into "The Beatles" (search indexes hold the credited name).
 */
export function searchName(name: string): string {
  const stripped = stripDecorations(name);
  const inverted = /^(.+),\s*(the|a|an|les|le|la|die|der|das|el|los|las|il)$/i.exec(stripped);
  return inverted === null ? stripped : `${inverted[2]} ${inverted[1]}`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent transpositions. */
export function damerauLevenshtein(left: string, right: string): number {
  const a = Array.from(left);
  const b = Array.from(right);
  const width = b.length + 1;
  let beforePrevious = new Array<number>(width).fill(0);
  let previous = Array.from({ length: width }, (_, index) => index);
  let current = new Array<number>(width).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    current[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, beforePrevious[j - 2]! + 1);
      }
      current[j] = best;
    }
    [beforePrevious, previous, current] = [previous, current, beforePrevious];
  }
  return previous[b.length]!;
}

/** 1 − distance / longer length over normalised strings; two empty strings are identical (1). */
export function stringSimilarity(left: string, right: string): number {
  const longer = Math.max(Array.from(left).length, Array.from(right).length);
  if (longer === 0) return 1;
  return 1 - damerauLevenshtein(left, right) / longer;
}

/** Similarity of two names: the better of the full normalised names and the undecorated ones. */
export function nameSimilarity(left: string, right: string): number {
  const full = stringSimilarity(normaliseName(left), normaliseName(right));
  if (full === 1) return 1;
  return Math.max(
    full,
    stringSimilarity(normaliseName(stripDecorations(left)), normaliseName(stripDecorations(right))),
  );
}

/**
 * Score of one candidate, 0..1: 0.4·artist + 0.6·album similarity, minus a year penalty
 * (0.02 per year within the tolerance, else 0.1 per year, at most 0.5) and a track-count
 * penalty (0.25·|Δ|/max). Unknown years or track counts cost nothing. 0 when either name is
 * below the minimum similarity.
 */
export function scoreCandidate(
  query: MatchCandidate,
  candidate: MatchCandidate,
  options: MatchOptions = MATCH_DEFAULTS,
): number {
  const artist = nameSimilarity(query.artist, candidate.artist);
  const album = nameSimilarity(query.album, candidate.album);
  if (artist < options.minimumNameSimilarity || album < options.minimumNameSimilarity) return 0;
  let score = 0.4 * artist + 0.6 * album;
  if (query.year !== undefined && candidate.year !== undefined) {
    const apart = Math.abs(query.year - candidate.year);
    score -= apart <= options.yearTolerance ? 0.02 * apart : Math.min(0.5, 0.1 * apart);
  }
  if (query.trackCount !== undefined && candidate.trackCount !== undefined) {
    const larger = Math.max(query.trackCount, candidate.trackCount);
    if (larger > 0) score -= (0.25 * Math.abs(query.trackCount - candidate.trackCount)) / larger;
  }
  return Math.max(0, Math.min(1, score));
}

/**
 * Of several ways to name a candidate's artist (the full credit "The Beatles & George Martin",
 * or each credited artist alone), the one closest to the query's artist.
 */
export function closestName(queryName: string, names: readonly string[]): string {
  let best = names[0] ?? "";
  let bestSimilarity = -1;
  for (const name of names) {
    const similarity = nameSimilarity(queryName, name);
    if (similarity > bestSimilarity) [best, bestSimilarity] = [name, similarity];
  }
  return best;
}

/** Similarity of an artist name alone (for the artist fallback), 0..1. */
export function scoreArtist(queryArtist: string, candidateArtist: string): number {
  return nameSimilarity(queryArtist, candidateArtist);
}

/** The best candidate at or above the threshold (the first among equals), or undefined. */
export function pickBestCandidate<T extends MatchCandidate>(
  query: MatchCandidate,
  candidates: readonly T[],
  options: MatchOptions = MATCH_DEFAULTS,
): { candidate: T; score: number } | undefined {
  let best: { candidate: T; score: number } | undefined;
  for (const candidate of candidates) {
    const score = scoreCandidate(query, candidate, options);
    if (score >= options.threshold && (best === undefined || score > best.score)) best = { candidate, score };
  }
  return best;
}

/** A year from "1969", "1969-09-26" or "1969-09"; undefined for anything else. */
export function parseYear(date: string | number | null | undefined): number | undefined {
  if (typeof date === "number") return Number.isInteger(date) && date > 0 ? date : undefined;
  const match = /^(\d{4})/.exec(date ?? "");
  if (match === null) return undefined;
  const year = Number(match[1]);
  return year > 0 ? year : undefined;
}
