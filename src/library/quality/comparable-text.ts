/**
 * How quality control compares names: sources/fuzzy-match.ts's normalisation (case,
 * diacritics, punctuation, "&" → "and", a leading "The") after removing guest credits and
 * edition decorations, so "Abbey Road (Remastered 2009)", "Abbey Road [Deluxe]" and
 * "Abbey Road - 2019 Mix Remaster" compare equal to "Abbey Road". Only decorations that name
 * an edition, a format or a bare year are removed: "(Live)", "(Acoustic)" and "(Part 2)" name
 * different recordings and stay. Near-identical titles are compared by the optimal string
 * alignment distance (Damerau 1964; Levenshtein 1966): similarity = 1 − distance / longer
 * length, required to reach a threshold and to keep the same digits ("Part 1" ≠ "Part 2").
 */
import { normaliseName, stringSimilarity } from "../sources/fuzzy-match.js";

const EDITION_WORDS =
  /\b(?:remaster(?:ed)?|remastering|deluxe|edition|expanded|anniversary|reissue|re-issue|bonus|collector'?s|limited|hi-?res|hd|flac|alac|mp3|aac|ogg|opus|vinyl|web|\d{2}\s*-?\s*bit|\d{2}(?:[.,]\d)?\s*khz|\d{2}\s*[-/]\s*\d{2,3}|320|v0)\b/i;
const BRACKETED_SUFFIX = /\s*[([{]([^()[\]{}]*)[)\]}]\s*$/;
const DASH_SUFFIX = /\s+[-–—]\s+([^-–—]+)$/;
const BARE_YEAR = /^\s*(?:19|20)\d{2}\s*$/;
const FEATURING = /\s+(?:feat\.?|featuring|ft\.)\s+.*$|\s*[([](?:feat\.?|featuring|ft\.|with)\s+[^)\]]*[)\]]/i;
const DIGITS = /\d+/g;

function isEditionDecoration(inner: string): boolean {
  return EDITION_WORDS.test(inner) || BARE_YEAR.test(inner);
}

/** The title without edition, format or year decorations at its end ("X (Remastered 2011) [FLAC]" → "X"). */
export function withoutEdition(title: string): string {
  let current = title.trim();
  for (;;) {
    const bracketed = BRACKETED_SUFFIX.exec(current);
    const dashed = bracketed === null ? DASH_SUFFIX.exec(current) : null;
    const match = bracketed ?? dashed;
    if (match === null || !isEditionDecoration(match[1]!)) return current;
    const next = current.slice(0, match.index).trim();
    if (next === "") return current;
    current = next;
  }
}

/** Comparable form of an artist credit: guests dropped, then normalised ("The Beatles feat. X" → "beatles"). */
export function artistKey(artist: string): string {
  const primary = artist.replace(FEATURING, "").trim();
  return normaliseName(primary === "" ? artist : primary);
}

/** Comparable form of an album or track title: guests and edition decorations dropped, then normalised. */
export function titleKey(title: string): string {
  const withoutGuests = title.replace(FEATURING, "").trim();
  const key = normaliseName(withoutEdition(withoutGuests === "" ? title : withoutGuests));
  return key === "" ? normaliseName(title) : key;
}

/** True when two comparable titles are equal, or near-identical with the same numbers in them. */
export function similarTitles(left: string, right: string, minSimilarity: number): boolean {
  if (left === right) return true;
  if ((left.match(DIGITS) ?? []).join(" ") !== (right.match(DIGITS) ?? []).join(" ")) return false;
  // Cheap bound first: the distance is at least the difference in length.
  const longer = Math.max(left.length, right.length);
  if (1 - Math.abs(left.length - right.length) / longer < minSimilarity) return false;
  return stringSimilarity(left, right) >= minSimilarity;
}
