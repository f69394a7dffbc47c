/**
 * Spotify genre source (Web API): `/search?type=album&q=album:"…" artist:"…"`, fuzzy match on
 * artist, title, year (`release_date`) and `total_tracks`, then `/artists?ids=…` for the
 * album artists' `genres`. Spotify's album objects carry a `genres` array that is always empty
 * (deprecated), so Spotify's genres are artist genres (scope "artist"), weight 1 each.
 * Auth: client-credentials bearer token (spotify-token.ts), refreshed once on a 401.
 * Reference: https://developer.spotify.com/documentation/web-api/reference/search,
 * /get-multiple-artists.
 */
import { z } from "zod";
import { parseAnswer, quotePhrase } from "./answer-shape.js";
import { systemClock } from "./clock.js";
import { closestName, parseYear, pickBestCandidate, searchName } from "./fuzzy-match.js";
import {
  type AlbumQuery,
  type GenreSource,
  noCredentials,
  notFound,
  type SourceAnswer,
  unweightedLabels,
} from "./genre-source.js";
import type { ServiceHttpClient } from "./http-client.js";
import { createSourceHttpClient, resolveMatchOptions, type SourceOptions } from "./source-options.js";
import { classifySpotifyTokenAnswer, createSpotifyTokenProvider, type SpotifyTokenProvider } from "./spotify-token.js";

const SearchSchema = z.object({
  albums: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        release_date: z.string().optional(),
        total_tracks: z.number().optional(),
        artists: z.array(z.object({ id: z.string(), name: z.string() })),
        external_urls: z.object({ spotify: z.string() }).partial().optional(),
      }),
    ),
    total: z.number().optional(),
  }),
});
const ArtistsSchema = z.object({
  // Unknown ids come back as null entries.
  artists: z.array(z.object({ id: z.string(), name: z.string(), genres: z.array(z.string()).default([]) }).nullable()),
});

export const SPOTIFY_ACCOUNTS_URL = "https://accounts.spotify.com";

export interface SpotifySourceOptions extends SourceOptions {
  /** Overrides the accounts service (token endpoint) base URL. */
  readonly accountsUrl?: string;
}

export class SpotifyGenreSource implements GenreSource {
  readonly name = "spotify" as const;
  readonly #http: ServiceHttpClient;
  readonly #options: SpotifySourceOptions;
  readonly #tokens: SpotifyTokenProvider | undefined;

  constructor(options: SpotifySourceOptions) {
    this.#options = options;
    this.#http = createSourceHttpClient("spotify", options);
    const credentials = options.credentials.spotify;
    if (credentials !== undefined) {
      const accounts = createSourceHttpClient("spotify", options, {
        baseUrl: options.accountsUrl ?? SPOTIFY_ACCOUNTS_URL,
        classify: classifySpotifyTokenAnswer,
      });
      const clock = options.clock ?? systemClock;
      this.#tokens = createSpotifyTokenProvider(accounts, credentials.clientId, credentials.clientSecret, clock);
    }
  }

  /** Token requests sent so far (0 without credentials). */
  get tokenRequests(): number {
    return this.#tokens?.requests ?? 0;
  }

  async lookupAlbum(query: AlbumQuery, signal?: AbortSignal): Promise<SourceAnswer> {
    if (this.#tokens === undefined) return noCredentials(this.name);
    const auth = this.#tokens.auth;
    const phrase = `album:${quotePhrase(searchName(query.album))} artist:${quotePhrase(searchName(query.artist))}`;
    const search = await this.#http.requestJson(
      { path: "/search", query: { q: phrase, type: "album", limit: 10 }, auth },
      signal,
    );
    if (!search.found) return notFound(this.name);
    const items = parseAnswer("spotify", "album search", SearchSchema, search.body).albums.items;
    const candidates = items.map((item) => ({
      item,
      artist: closestName(query.artist, [
        item.artists.map((artist) => artist.name).join(" & "),
        ...item.artists.map((artist) => artist.name),
      ]),
      album: item.name,
      year: parseYear(item.release_date),
      trackCount: item.total_tracks,
    }));
    const best = pickBestCandidate(query, candidates, resolveMatchOptions(this.#options));
    if (best === undefined) return notFound(this.name);
    const { item, artist, album, year, trackCount } = best.candidate;
    const ids = item.artists.map((entry) => entry.id).slice(0, 50);
    const artists = await this.#http.requestJson({ path: "/artists", query: { ids: ids.join(",") }, auth }, signal);
    const labels = artists.found
      ? parseAnswer("spotify", "artists", ArtistsSchema, artists.body).artists.flatMap((entry) => entry?.genres ?? [])
      : [];
    return {
      source: this.name,
      status: "found",
      match: {
        scope: "album",
        id: item.id,
        artist,
        album,
        score: best.score,
        url: item.external_urls?.spotify ?? `https://open.spotify.com/album/${item.id}`,
        ...(year === undefined ? {} : { year }),
        ...(trackCount === undefined ? {} : { trackCount }),
      },
      genres: unweightedLabels(labels, "artist"),
    };
  }
}
