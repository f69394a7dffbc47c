/**
 * Questions about the genre hierarchy (a DAG, genre-tree-data.ts plus user additions): a
 * genre's ancestors, the genres a list implies, whether one genre is a kind of another, and
 * the most specific genres of a list (a parent dropped when a descendant is present, for
 * display). Names may be any spelling or alias of a genre; results are canonical names.
 * Names no rule knows have no ancestors and pass through unchanged.
 * Cycles cannot occur here: genre-vocabulary.ts refuses them when the vocabulary is built.
 */
import { canonicalGenreKey, defaultGenreVocabulary, type GenreVocabulary } from "./genre-vocabulary.js";

function ancestorKeys(vocabulary: GenreVocabulary, key: string | undefined): readonly string[] {
  return key === undefined ? [] : (vocabulary.ancestors.get(key) ?? []);
}

/** The canonical ancestors of `genre`, nearest first ("Melodic Death Metal" → Death Metal, Metal). */
export function genreAncestors(genre: string, vocabulary: GenreVocabulary = defaultGenreVocabulary()): string[] {
  return ancestorKeys(vocabulary, canonicalGenreKey(genre, vocabulary)).map((key) => vocabulary.names.get(key)!);
}

/** True when `child` is `parent` or one of its descendants ("Death Metal" is a "Metal"). */
export function isA(child: string, parent: string, vocabulary: GenreVocabulary = defaultGenreVocabulary()): boolean {
  const childKey = canonicalGenreKey(child, vocabulary);
  const parentKey = canonicalGenreKey(parent, vocabulary);
  if (childKey === undefined || parentKey === undefined) return false;
  return childKey === parentKey || ancestorKeys(vocabulary, childKey).includes(parentKey);
}

/** Identity of a name in a list of genres: its canonical key, or the name itself (marked) when unknown. */
export function genreIdentity(name: string, vocabulary: GenreVocabulary): string {
  return canonicalGenreKey(name, vocabulary) ?? `?${name.trim().toLowerCase()}`;
}

/** `genres` (each once, in order) followed by every ancestor they imply that is not already listed. */
export function impliedGenres(
  genres: readonly string[],
  vocabulary: GenreVocabulary = defaultGenreVocabulary(),
): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  const add = (id: string, name: string): void => {
    if (seen.has(id)) return;
    seen.add(id);
    result.push(name);
  };
  for (const genre of genres) add(genreIdentity(genre, vocabulary), canonicalGenreName(genre, vocabulary));
  for (const genre of genres) {
    for (const key of ancestorKeys(vocabulary, canonicalGenreKey(genre, vocabulary))) {
      add(key, vocabulary.names.get(key)!);
    }
  }
  return result;
}

/** `genres` (each once, in order) without any that is an ancestor of another in the list. */
export function mostSpecificGenres(
  genres: readonly string[],
  vocabulary: GenreVocabulary = defaultGenreVocabulary(),
): string[] {
  const implied = new Set<string>();
  for (const genre of genres)
    for (const key of ancestorKeys(vocabulary, canonicalGenreKey(genre, vocabulary))) implied.add(key);
  const seen = new Set<string>();
  const result: string[] = [];
  for (const genre of genres) {
    const id = genreIdentity(genre, vocabulary);
    if (seen.has(id) || implied.has(id)) continue;
    seen.add(id);
    result.push(canonicalGenreName(genre, vocabulary));
  }
  return result;
}

/** The canonical display name of a genre or alias; an unknown name trimmed, as given. */
export function canonicalGenreName(genre: string, vocabulary: GenreVocabulary = defaultGenreVocabulary()): string {
  const key = canonicalGenreKey(genre, vocabulary);
  return key === undefined ? genre.trim() : vocabulary.names.get(key)!;
}
