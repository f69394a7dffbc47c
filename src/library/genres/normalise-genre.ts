/**
 * Normalisation of one raw genre label (a tag value, a Last.fm tag, a Discogs genre or style,
 * a MusicBrainz or Spotify genre, an ID3 numeric genre) to canonical genres.
 *
 * Order of resolution, first match wins:
 * 1. ID3 references: "17", "(17)", "(4)(17)" → the ID3v1 table (ID3v2.3 §4.2.1 TCON);
 *    "(17)Rock" → the text after the references; other numbers: a year (1900–2099) is an era,
 *    anything else no genre.
 * 2. The whole label's key (genre-key.ts): alias, compound, ignored tag, canonical genre; then
 *    decade ("90s", "1990s") and "… vocalists" patterns; then the key without a trailing
 *    "music" ("country music"); then without a leading place or era ("german hip hop",
 *    "80s pop").
 * 3. A compound split (genre-key.ts splitCompoundLabel) when every part resolves by 2
 *    ("Rock/Pop", "Soul & Funk"); an "AC/DC" whose parts are unknown stays whole.
 * 4. Otherwise the label is kept, title-cased (title-case-genre.ts), with known: false.
 * Results are memoised per vocabulary; each lookup is O(1) map accesses.
 */
import { genreKey, splitCompoundLabel } from "./genre-key.js";
import type { DropReason } from "./genre-rules.js";
import { defaultGenreVocabulary, type GenreVocabulary } from "./genre-vocabulary.js";
import { ID3V1_GENRES, ID3V1_TARGET_OVERRIDES, ID3V2_SPECIAL_REFERENCES } from "./id3v1-genres.js";
import { titleCaseGenre } from "./title-case-genre.js";

export interface NormalisedGenre {
  /** Canonical genres (several for a compound); the title-cased label when unknown; empty when dropped. */
  readonly genres: readonly string[];
  /** True when a rule recognised the label (as a genre or as a tag to drop). */
  readonly known: boolean;
  /** Why the label is not a genre; set only when `genres` is empty. */
  readonly dropped?: DropReason;
}

const DECADE = /^(?:19|20)?\d0s$/u;
const VOCALISTS = /vocalists?$/u;
const MUSIC_SUFFIX = /^(.+?)(?:music|musik)$/u;
const ID3_REFERENCES = /^(?:\((?:\d{1,3}|RX|CR)\))+/u;
const ID3_REFERENCE = /\((\d{1,3}|RX|CR)\)/gu;
const DIGITS = /^\d+$/u;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the whole ASCII range
const ASCII = /^[\u0000-\u007f]*$/u;

function drop(reason: DropReason): NormalisedGenre {
  return { genres: [], known: true, dropped: reason };
}

function genres(vocabulary: GenreVocabulary, keys: readonly string[]): NormalisedGenre {
  return { genres: keys.map((key) => vocabulary.names.get(key)!), known: true };
}

function unknown(label: string, vocabulary: GenreVocabulary): NormalisedGenre {
  return { genres: [titleCaseGenre(label, vocabulary.acronyms)], known: false };
}

/** Rule lookup of one key: rules, then patterns; undefined when nothing matches. */
function lookupKey(vocabulary: GenreVocabulary, key: string): NormalisedGenre | undefined {
  const alias = vocabulary.aliases.get(key);
  if (alias !== undefined) return genres(vocabulary, [alias]);
  const compound = vocabulary.compounds.get(key);
  if (compound !== undefined) return genres(vocabulary, compound);
  const ignored = vocabulary.ignore.get(key);
  if (ignored !== undefined) return drop(ignored);
  if (vocabulary.names.has(key)) return genres(vocabulary, [key]);
  if (key === "") return drop("empty");
  if (DECADE.test(key)) return drop("era");
  if (DIGITS.test(key)) return drop(isYear(key) ? "era" : "not-a-genre");
  if (VOCALISTS.test(key)) return drop("descriptor");
  return undefined;
}

function isYear(digits: string): boolean {
  const year = Number(digits);
  return digits.length === 4 && year >= 1900 && year <= 2099;
}

function isQualifier(vocabulary: GenreVocabulary, key: string): boolean {
  const reason = vocabulary.ignore.get(key);
  return reason === "place" || reason === "era" || DECADE.test(key);
}

/** The whole label by rules, "… music" and place/era qualifiers; undefined when unknown. No splitting. */
export function lookupGenreLabel(
  label: string,
  vocabulary: GenreVocabulary = defaultGenreVocabulary(),
): NormalisedGenre | undefined {
  const key = genreKey(label);
  const direct = lookupKey(vocabulary, key);
  if (direct !== undefined) return direct;
  const withoutMusic = MUSIC_SUFFIX.exec(key)?.[1];
  const bare = withoutMusic === undefined ? undefined : lookupKey(vocabulary, withoutMusic);
  if (bare !== undefined) return bare;
  const words = label.trim().split(/\s+/u);
  for (let count = 1; count <= 2 && count < words.length; count++) {
    if (!isQualifier(vocabulary, genreKey(words.slice(0, count).join(" ")))) continue;
    const rest = lookupGenreLabel(words.slice(count).join(" "), vocabulary);
    if (rest !== undefined) return rest;
  }
  return undefined;
}

function id3Genre(reference: string, vocabulary: GenreVocabulary): NormalisedGenre {
  const special = ID3V2_SPECIAL_REFERENCES[reference];
  if (special !== undefined) return lookupGenreLabel(special, vocabulary) ?? drop("descriptor");
  const index = Number(reference);
  const name = ID3V1_TARGET_OVERRIDES[index] ?? ID3V1_GENRES[index];
  if (name === undefined) return drop(isYear(reference) ? "era" : "not-a-genre");
  return resolve(name, vocabulary);
}

/** Union of several results: their genres in order, once each; dropped only when all are. */
function merge(results: readonly NormalisedGenre[]): NormalisedGenre {
  const names = [...new Set(results.flatMap((result) => result.genres))];
  if (names.length === 0) return drop(results.find((result) => result.dropped)?.dropped ?? "empty");
  return { genres: names, known: results.every((result) => result.known) };
}

function resolve(raw: string, vocabulary: GenreVocabulary): NormalisedGenre {
  const trimmed = (ASCII.test(raw) ? raw : raw.normalize("NFKC")).trim();
  // ID3v2.3 TCON: "((" starts text that begins with a literal "(".
  const label = trimmed.startsWith("((") ? trimmed.slice(1) : trimmed;
  const references = ID3_REFERENCES.exec(label)?.[0];
  if (references !== undefined) {
    const text = label.slice(references.length).trim();
    if (text.length > 0) return resolve(text, vocabulary);
    return merge([...references.matchAll(ID3_REFERENCE)].map((match) => id3Genre(match[1]!, vocabulary)));
  }
  if (DIGITS.test(label)) return id3Genre(label, vocabulary);
  const whole = lookupGenreLabel(label, vocabulary);
  if (whole !== undefined) return whole;
  const parts = splitCompoundLabel(label, (part) => lookupGenreLabel(part, vocabulary) !== undefined);
  if (parts !== undefined) return merge(parts.map((part) => lookupGenreLabel(part, vocabulary)!));
  return unknown(label, vocabulary);
}

const MAX_CACHED_LABELS = 100_000;
const caches = new WeakMap<GenreVocabulary, Map<string, NormalisedGenre>>();

/** Canonical genres of one raw label (see the module header for the rules). */
export function normaliseGenre(raw: string, vocabulary: GenreVocabulary = defaultGenreVocabulary()): NormalisedGenre {
  let cache = caches.get(vocabulary);
  if (cache === undefined) {
    cache = new Map();
    caches.set(vocabulary, cache);
  }
  const cached = cache.get(raw);
  if (cached !== undefined) return cached;
  const result = resolve(raw, vocabulary);
  if (cache.size >= MAX_CACHED_LABELS) cache.clear();
  cache.set(raw, result);
  return result;
}
