/**
 * Multi-genre output: which genres a tag gets and how they are joined, e.g.
 * "Rock; Alternative; Indie Rock". From genres ranked best first (an aggregator's vote order):
 * duplicates (any spelling) removed; optionally reduced to the most specific ("Metal" dropped
 * beside "Death Metal") or extended by the parents they imply; at most `maxCount` values, taken
 * by rank, a genre together with the parents it brings; then ordered by rank, parents before
 * children ("general-first", a stable topological order) or alphabetically.
 * The inverse, splitting a stored value into labels, is split-genre-value.ts.
 */
import { TonearmError } from "../../analysis/errors.js";
import { canonicalGenreName, genreAncestors, genreIdentity, mostSpecificGenres } from "./genre-hierarchy.js";
import { defaultGenreVocabulary, type GenreVocabulary } from "./genre-vocabulary.js";

export type GenreOrder = "rank" | "general-first" | "alphabetical";

export interface FormatGenresOptions {
  /** Between two values; non-empty. */
  readonly separator: string;
  /** Most values written; an integer ≥ 1, or Infinity. */
  readonly maxCount: number;
  /** Add the parents each genre implies ("Indie Rock" brings "Alternative", "Indie", "Rock"). */
  readonly includeImplied: boolean;
  /** Drop a genre when a more specific one is present; cannot be combined with includeImplied. */
  readonly mostSpecific: boolean;
  /** "rank": as given, implied parents after the given genres; "general-first": parents before children. */
  readonly order: GenreOrder;
}

export const FORMAT_GENRES_DEFAULTS: FormatGenresOptions = {
  separator: "; ",
  maxCount: Number.POSITIVE_INFINITY,
  includeImplied: false,
  mostSpecific: false,
  order: "rank",
};

/** Separators that genre names themselves contain ("Drum and Bass", "R&B"): values could not be split back. */
const AMBIGUOUS_SEPARATORS = new Set(["and", "&"]);

function checkOptions(options: FormatGenresOptions): void {
  if (options.separator.length === 0) throw new TonearmError("INVALID_OPTION", "the genre separator must not be empty");
  if (AMBIGUOUS_SEPARATORS.has(options.separator.trim().toLowerCase())) {
    throw new TonearmError(
      "INVALID_OPTION",
      `the genre separator "${options.separator}" occurs inside genre names ("Drum and Bass", "R&B"); use "; " or " / "`,
    );
  }
  const { maxCount } = options;
  if (!(maxCount === Number.POSITIVE_INFINITY || (Number.isInteger(maxCount) && maxCount >= 1))) {
    throw new TonearmError("INVALID_OPTION", `the maximum genre count must be a whole number ≥ 1, not ${maxCount}`);
  }
  if (options.includeImplied && options.mostSpecific) {
    throw new TonearmError(
      "INVALID_OPTION",
      "genre output cannot both add implied parents and keep only the most specific",
    );
  }
}

/**
 * Parents before children: each genre in rank order preceded by its selected ancestors, these
 * in the order of its parent lists, roots first ("Indie Rock" → Rock, Alternative, Indie, Indie Rock).
 */
function generalFirst(names: readonly string[], vocabulary: GenreVocabulary): string[] {
  const byId = new Map(names.map((name) => [genreIdentity(name, vocabulary), name]));
  const placed = new Set<string>();
  const result: string[] = [];
  const place = (id: string): void => {
    if (placed.has(id)) return;
    placed.add(id);
    for (const parent of vocabulary.parents.get(id) ?? []) place(parent);
    const name = byId.get(id);
    if (name !== undefined) result.push(name);
  };
  for (const id of byId.keys()) place(id);
  return result;
}

/** The genre values to write, in order (see the module header). */
export function selectGenres(
  ranked: readonly string[],
  options: Partial<FormatGenresOptions> = {},
  vocabulary: GenreVocabulary = defaultGenreVocabulary(),
): string[] {
  const settings: FormatGenresOptions = { ...FORMAT_GENRES_DEFAULTS, ...options };
  checkOptions(settings);
  const given = ranked.filter((name) => name.trim().length > 0).map((name) => canonicalGenreName(name, vocabulary));
  const explicit = settings.mostSpecific ? mostSpecificGenres(given, vocabulary) : given;
  const chosen = new Map<string, string>();
  const implied: string[] = [];
  for (const genre of explicit) {
    if (chosen.has(genreIdentity(genre, vocabulary))) continue;
    const parents = settings.includeImplied ? genreAncestors(genre, vocabulary) : [];
    const added = [genre, ...parents].filter((name) => !chosen.has(genreIdentity(name, vocabulary)));
    if (chosen.size + added.length > settings.maxCount) break;
    for (const name of added) chosen.set(genreIdentity(name, vocabulary), name);
    implied.push(...added.slice(1));
  }
  const explicitIds = new Set(explicit.map((name) => genreIdentity(name, vocabulary)));
  const impliedIds = new Set(
    implied.map((name) => genreIdentity(name, vocabulary)).filter((id) => !explicitIds.has(id)),
  );
  const selected = [...chosen.values()];
  switch (settings.order) {
    case "rank":
      return [
        ...selected.filter((name) => !impliedIds.has(genreIdentity(name, vocabulary))),
        ...selected.filter((name) => impliedIds.has(genreIdentity(name, vocabulary))),
      ];
    case "general-first":
      return generalFirst(selected, vocabulary);
    case "alphabetical":
      return [...selected].sort((a, b) => a.localeCompare(b, "en"));
  }
}

/** The genre values joined for a single-value tag: "Rock; Alternative; Indie Rock". */
export function formatGenres(
  ranked: readonly string[],
  options: Partial<FormatGenresOptions> = {},
  vocabulary: GenreVocabulary = defaultGenreVocabulary(),
): string {
  const separator = options.separator ?? FORMAT_GENRES_DEFAULTS.separator;
  return selectGenres(ranked, options, vocabulary).join(separator);
}
