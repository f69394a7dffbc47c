/**
 * Discogs genre source (API v2): `/database/search?type=master&artist=…&release_title=…`, and
 * `type=release` when no master matches (many releases have none). Each result carries the
 * broad `genre` and the finer `style` labels; both are returned raw (genres first), weight 1,
 * as Discogs gives no counts. Result titles read "Artist - Title"; Discogs disambiguates
 * artist names with a number, "Nirvana (2)", which the matcher's bracket stripping ignores.
 * Discogs artists carry no genres, so there is no artist fallback.
 * Search requires authentication: `Authorization: Discogs token=…` or `Discogs key=…, secret=…`.
 * Reference: https://www.discogs.com/developers (Database › Search; Authentication; Rate Limiting).
 */
import { z } from "zod";
import { parseAnswer } from "./answer-shape.js";
import { parseYear, pickBestCandidate, searchName } from "./fuzzy-match.js";
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

const SearchSchema = z.object({
  pagination: z.object({ page: z.number(), pages: z.number(), items: z.number() }),
  results: z.array(
    z.object({
      id: z.number(),
      type: z.string(),
      title: z.string(),
      year: z.union([z.string(), z.number()]).optional(),
      genre: z.array(z.string()).default([]),
      style: z.array(z.string()).default([]),
      uri: z.string().optional(),
    }),
  ),
});

const WEB = "https://www.discogs.com";

/** "The Beatles - Abbey Road" → artist and title; a title without " - " is all title. */
export function splitDiscogsTitle(title: string): { artist: string; album: string } {
  const at = title.indexOf(" - ");
  return at < 0 ? { artist: "", album: title } : { artist: title.slice(0, at), album: title.slice(at + 3) };
}

export class DiscogsGenreSource implements GenreSource {
  readonly name = "discogs" as const;
  readonly #http: ServiceHttpClient;
  readonly #options: SourceOptions;

  constructor(options: SourceOptions) {
    this.#options = options;
    this.#http = createSourceHttpClient("discogs", options);
  }

  async lookupAlbum(query: AlbumQuery, signal?: AbortSignal): Promise<SourceAnswer> {
    const credentials = this.#options.credentials.discogs;
    if (credentials === undefined) return noCredentials(this.name);
    const authorization =
      "token" in credentials
        ? `Discogs token=${credentials.token}`
        : `Discogs key=${credentials.key}, secret=${credentials.secret}`;
    for (const type of ["master", "release"] as const) {
      const answer = await this.#http.requestJson(
        {
          path: "/database/search",
          query: {
            type,
            artist: searchName(query.artist),
            release_title: searchName(query.album),
            per_page: 10,
            page: 1,
          },
          headers: { Authorization: authorization },
        },
        signal,
      );
      if (!answer.found) continue;
      const results = parseAnswer("discogs", "database search", SearchSchema, answer.body).results;
      const candidates = results.map((result) => ({
        result,
        ...splitDiscogsTitle(result.title),
        year: parseYear(result.year),
      }));
      const best = pickBestCandidate(query, candidates, resolveMatchOptions(this.#options));
      if (best === undefined) continue;
      const { result, artist, album, year } = best.candidate;
      return {
        source: this.name,
        status: "found",
        match: {
          scope: "album",
          id: `${result.type}/${result.id}`,
          artist,
          album,
          score: best.score,
          url: result.uri === undefined ? `${WEB}/${result.type}/${result.id}` : `${WEB}${result.uri}`,
          ...(year === undefined ? {} : { year }),
        },
        genres: [...unweightedLabels(result.genre, "album"), ...unweightedLabels(result.style, "album")],
      };
    }
    return notFound(this.name);
  }
}
