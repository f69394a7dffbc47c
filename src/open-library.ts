/**
 * Everything the music-library commands and jobs work with, opened from the configuration:
 * the store (SQLite or PostgreSQL), the genre vocabulary (built-in rules plus the user's
 * file), the online sources with their credentials and the database response cache, the
 * normalising and formatting functions the suggestion and tag-writing steps take, and the
 * safe tag writer. One place, so the CLI and the service's jobs behave the same.
 */
import { sqliteFile, type TonearmConfig } from "./config/load-config.js";
import type { GenreTagWriter } from "./library/apply/apply-tag-writes.js";
import { selectGenres } from "./library/genres/format-genres.js";
import { isA } from "./library/genres/genre-hierarchy.js";
import { type GenreVocabulary, loadGenreVocabulary } from "./library/genres/genre-vocabulary.js";
import { normaliseGenre } from "./library/genres/normalise-genre.js";
import { splitGenreValue } from "./library/genres/split-genre-value.js";
import { createGenreSources, type GenreSourcesOptions } from "./library/sources/create-genre-sources.js";
import { resolveSourceCredentials } from "./library/sources/credentials.js";
import type { GenreSource } from "./library/sources/genre-source.js";
import { DEFAULT_SOURCE_WEIGHTS } from "./library/suggest/aggregate-genres.js";
import type { GenreRecognisers } from "./library/suggest/offline-evidence.js";
import type { SuggestionDependencies } from "./library/suggest/suggest-album-genres.js";
import { readGenresOf, writeGenresSafely } from "./library/tags/safe-tag-writer.js";
import { openStore, type Store } from "./store/open-store.js";

export interface OpenedLibrary {
  readonly config: TonearmConfig;
  readonly store: Store;
  readonly vocabulary: GenreVocabulary;
  readonly sources: readonly GenreSource[];
  readonly suggestion: SuggestionDependencies;
  readonly recognise: GenreRecognisers;
  /** The stored values for a ranked genre list, in the configured format. */
  formatValues(genres: readonly string[]): string[];
  /** The normalised genres of what a file carries (split, canonical, non-genres dropped, unknown kept). */
  normaliseExisting(values: readonly string[]): string[];
  readonly writer: GenreTagWriter;
  close(): Promise<void>;
}

export interface OpenLibraryOptions {
  /** Test hooks: service base URLs and the like. */
  readonly sources?: Partial<Omit<GenreSourcesOptions, "credentials" | "cache">>;
  readonly store?: Store;
}

export async function openLibrary(config: TonearmConfig, options: OpenLibraryOptions = {}): Promise<OpenedLibrary> {
  const library = config.library;
  const vocabulary = loadGenreVocabulary(library.genreRulesFile ?? undefined);
  const store = options.store ?? (await openStore({ postgresUrl: config.databaseUrl, sqliteFile: sqliteFile(config) }));
  const { spotifyAccounts, ...baseUrls } = library.serviceUrls;
  const sources = createGenreSources({
    credentials: resolveSourceCredentials(library.sources),
    services: library.services,
    cache: store.sourceCache,
    baseUrls,
    rateLimits: Object.fromEntries(
      Object.entries(library.requestsPerSecond).map(([name, rate]) => [
        name,
        { capacity: Math.max(1, Math.ceil(rate)), refillPerSecond: rate },
      ]),
    ),
    ...(spotifyAccounts === undefined ? {} : { spotifyAccountsUrl: spotifyAccounts }),
    ...options.sources,
  });
  const normalise = (label: string) => normaliseGenre(label, vocabulary).genres;
  const known = (label: string) => {
    const result = normaliseGenre(label, vocabulary);
    return result.known ? result.genres : [];
  };
  return {
    config,
    store,
    vocabulary,
    sources,
    suggestion: {
      sources,
      normalise,
      isA: (genre, ancestor) => isA(genre, ancestor, vocabulary),
      weights: { ...DEFAULT_SOURCE_WEIGHTS, ...library.sourceWeights },
      proposal: { maxGenres: library.maxGenres },
    },
    recognise: { tag: normalise, folder: known },
    formatValues: (genres) => {
      // Decided genres are already at most maxGenres; a file's own are all kept.
      const chosen = selectGenres(genres, {}, vocabulary);
      if (chosen.length === 0) return [];
      return library.genreValues === "multiple" ? chosen : [chosen.join(library.genreSeparator)];
    },
    normaliseExisting: (values) => {
      const labels = splitGenreValue(values, { separator: library.genreSeparator }, vocabulary);
      return [...new Set(labels.flatMap((label) => normaliseGenre(label, vocabulary).genres))];
    },
    writer: {
      async write(path, genres) {
        const result = await writeGenresSafely(path, genres);
        return { before: result.before, format: result.format };
      },
      async read(path) {
        return (await readGenresOf(path)).genres;
      },
    },
    close: async () => {
      if (options.store === undefined) await store.close();
    },
  };
}
