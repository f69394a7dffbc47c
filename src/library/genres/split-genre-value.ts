/**
 * Splits a stored genre value into its labels, the inverse of format-genres.ts: "Rock; Pop",
 * NUL-separated ID3v2.4 TCON values (ID3v2.4.0 structure §4.2: "multiple strings separated by
 * $00"), "Rock/Pop", "Rock, Pop". NUL and ";" always separate; "/", ",", "|", " & ", " + " and
 * " and " separate only where the whole piece is no known label and every part is one, so
 * "AC/DC", "Drum & Bass", "Rhythm & Blues" and "Folk, World, & Country" stay whole. The output
 * separator the values were written with always separates too, exactly as written (" / ",
 * ", ", " · "), unless it is a bare "/", ",", "|" or "+", or "&" or "and" spaced or not (genre
 * names such as "Drum and Bass" contain them; formatGenres refuses them), which stay conditional.
 * Labels come back trimmed but otherwise as stored; normalise-genre.ts canonicalises them.
 */
import { splitCompoundLabel } from "./genre-key.js";
import { defaultGenreVocabulary, type GenreVocabulary } from "./genre-vocabulary.js";
import { lookupGenreLabel } from "./normalise-genre.js";

export interface SplitGenreValueOptions {
  /** The separator genre values were written with (FormatGenresOptions.separator). */
  readonly separator?: string;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL separates ID3v2.4 multiple values
const ALWAYS = /[;\u0000]/u;
const PUNCTUATION_SEPARATORS = new Set(["/", ",", "|", "+"]);
const CONJUNCTION_SEPARATORS = new Set(["&", "and"]);

/** True when values written with `separator` can be split on it blindly. */
function separatesAlways(separator: string): boolean {
  const bare = separator.trim().toLowerCase();
  if (bare.length === 0 || CONJUNCTION_SEPARATORS.has(bare)) return false;
  // A bare "/" or "," also occurs inside labels ("AC/DC"); spaced as " / " it does not.
  return !PUNCTUATION_SEPARATORS.has(bare) || separator !== bare;
}
const LEADING_CONJUNCTION = /^(?:&|\+|and)\s+/iu;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}

function splitPiece(piece: string, vocabulary: GenreVocabulary): string[] {
  const isKnown = (label: string): boolean => lookupGenreLabel(label, vocabulary) !== undefined;
  if (isKnown(piece)) return [piece];
  return splitCompoundLabel(piece, isKnown) ?? [piece];
}

/** The labels of one stored genre value, or of each of several stored values in turn. */
export function splitGenreValue(
  value: string | readonly string[],
  options: SplitGenreValueOptions = {},
  vocabulary: GenreVocabulary = defaultGenreVocabulary(),
): string[] {
  const custom = options.separator ?? "";
  const unconditional = separatesAlways(custom) ? new RegExp(`${ALWAYS.source}|${escapeRegExp(custom)}`, "u") : ALWAYS;
  const labels: string[] = [];
  for (const stored of typeof value === "string" ? [value] : value) {
    for (const raw of stored.split(unconditional)) {
      const piece = raw.trim().replace(LEADING_CONJUNCTION, "");
      if (piece.length === 0) continue;
      labels.push(...splitPiece(piece, vocabulary));
    }
  }
  return labels;
}
