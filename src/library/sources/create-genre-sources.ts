/**
 * Builds the online genre sources (one adapter per service, beets-style) from resolved
 * credentials and shared options: one response cache, one clock, one fetch for all. Services
 * without credentials are still built; they answer `no-credentials` without any request, so a
 * caller can report which ones were skipped.
 */
import { DeezerGenreSource } from "./deezer-source.js";
import { DiscogsGenreSource } from "./discogs-source.js";
import { GENRE_SOURCE_NAMES, type GenreSource, type GenreSourceName } from "./genre-source.js";
import { LastfmGenreSource } from "./lastfm-source.js";
import { MusicBrainzGenreSource } from "./musicbrainz-source.js";
import type { RateLimit } from "./rate-limiter.js";
import type { SourceOptions } from "./source-options.js";
import { SpotifyGenreSource } from "./spotify-source.js";

export interface GenreSourcesOptions extends Omit<SourceOptions, "baseUrl"> {
  /** Which services, in this order; all five by default. */
  readonly services?: readonly GenreSourceName[];
  /** Base URL overrides per service (tests, mirrors such as a local MusicBrainz). */
  readonly baseUrls?: Partial<Readonly<Record<GenreSourceName, string>>>;
  /** Spotify's accounts (token) service base URL override. */
  readonly spotifyAccountsUrl?: string;
  /** Rate limits per service over SERVICE_DEFAULTS' (a local MusicBrainz mirror has no 1 request/s rule). */
  readonly rateLimits?: Partial<Readonly<Record<GenreSourceName, RateLimit>>>;
}

const BUILDERS: Readonly<Record<GenreSourceName, (options: SourceOptions, accountsUrl?: string) => GenreSource>> = {
  musicbrainz: (options) => new MusicBrainzGenreSource(options),
  lastfm: (options) => new LastfmGenreSource(options),
  discogs: (options) => new DiscogsGenreSource(options),
  deezer: (options) => new DeezerGenreSource(options),
  spotify: (options, accountsUrl) =>
    new SpotifyGenreSource(accountsUrl === undefined ? options : { ...options, accountsUrl }),
};

export function createGenreSources(options: GenreSourcesOptions): GenreSource[] {
  const { services = GENRE_SOURCE_NAMES, baseUrls = {}, rateLimits = {}, spotifyAccountsUrl, ...shared } = options;
  return services.map((name) => {
    const baseUrl = baseUrls[name];
    const rateLimit = rateLimits[name];
    const own = {
      ...shared,
      ...(baseUrl === undefined ? {} : { baseUrl }),
      ...(rateLimit === undefined ? {} : { rateLimit }),
    };
    return BUILDERS[name](own, spotifyAccountsUrl);
  });
}
