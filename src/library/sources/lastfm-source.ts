/**
 * Last.fm genre source (API 2.0, format=json): `album.getTopTags`, falling back to
 * `artist.getTopTags` when the album has no tags or is not found. Both use `autocorrect=1`;
 * the corrected names Last.fm echoes in `@attr` are fuzzy-matched against the query, so an
 * autocorrection to another album is refused. Tag counts are 0..100 relative to the top tag;
 * weight = count / highest count.
 * Errors come as `{ error: <code>, message }` (HTTP 200 or 4xx): 6 = not found / invalid
 * parameters, 10/26 = bad or suspended key, 8/11/16/29 = try again (29 = rate limited).
 * Reference: https://www.last.fm/api/show/album.getTopTags, /api/show/artist.getTopTags, /api/errorcodes.
 */
import { z } from "zod";
import { parseAnswer } from "./answer-shape.js";
import type { ClassifyAnswer } from "./answer-verdict.js";
import { scoreArtist, scoreCandidate, searchName } from "./fuzzy-match.js";
import {
  type AlbumQuery,
  type GenreSource,
  noCredentials,
  notFound,
  type SourceAnswer,
  type SourceMatch,
  weighCounts,
} from "./genre-source.js";
import type { ServiceHttpClient } from "./http-client.js";
import { createSourceHttpClient, resolveMatchOptions, type SourceOptions } from "./source-options.js";

const TagSchema = z.object({ name: z.string(), count: z.union([z.number(), z.string()]).transform(Number) });
const TopTagsSchema = z.object({
  toptags: z.object({
    // A single tag used to come as an object rather than a one-element array.
    tag: z
      .union([z.array(TagSchema), TagSchema])
      .default([])
      .transform((tags) => (Array.isArray(tags) ? tags : [tags])),
    "@attr": z.object({ artist: z.string(), album: z.string().optional() }),
  }),
});

const NOT_FOUND_CODES = new Set([6, 7]);
const CREDENTIAL_CODES = new Set([4, 9, 10, 14, 26]);
const RETRY_CODES = new Set([8, 11, 16, 29]);

export const classifyLastfmAnswer: ClassifyAnswer = (status, body) => {
  if (typeof body !== "object" || body === null || !("error" in body) || typeof body.error !== "number")
    return undefined;
  const message = "message" in body && typeof body.message === "string" ? body.message : "no message";
  const reason = `error ${body.error}: ${message} (HTTP ${status})`;
  if (NOT_FOUND_CODES.has(body.error)) return { kind: "not-found" };
  if (CREDENTIAL_CODES.has(body.error)) return { kind: "credentials", reason };
  if (RETRY_CODES.has(body.error)) return { kind: "retry", reason };
  return { kind: "fail", reason };
};

const WEB = "https://www.last.fm/music";

export class LastfmGenreSource implements GenreSource {
  readonly name = "lastfm" as const;
  readonly #http: ServiceHttpClient;
  readonly #options: SourceOptions;

  constructor(options: SourceOptions) {
    this.#options = options;
    this.#http = createSourceHttpClient("lastfm", options, { classify: classifyLastfmAnswer });
  }

  async lookupAlbum(query: AlbumQuery, signal?: AbortSignal): Promise<SourceAnswer> {
    const apiKey = this.#options.credentials.lastfmApiKey;
    if (apiKey === undefined) return noCredentials(this.name);
    const { threshold } = resolveMatchOptions(this.#options);
    const artist = searchName(query.artist);
    const album = await this.#topTags(
      { method: "album.gettoptags", artist, album: searchName(query.album) },
      apiKey,
      signal,
    );
    let albumMatch: SourceMatch | undefined;
    if (album !== undefined) {
      const attr = album.toptags["@attr"];
      const candidate = { artist: attr.artist, album: attr.album ?? "" };
      const score = scoreCandidate(
        { artist: query.artist, album: query.album },
        candidate,
        resolveMatchOptions(this.#options),
      );
      if (score >= threshold) {
        const url = `${WEB}/${encodeURIComponent(attr.artist)}/${encodeURIComponent(candidate.album)}`;
        albumMatch = { scope: "album", id: url, artist: attr.artist, album: candidate.album, score, url };
        const genres = weighCounts(album.toptags.tag, "album");
        if (genres.length > 0) return { source: this.name, status: "found", match: albumMatch, genres };
      }
    }
    const artistTags = await this.#topTags({ method: "artist.gettoptags", artist }, apiKey, signal);
    if (artistTags === undefined) return albumMatch === undefined ? notFound(this.name) : this.#empty(albumMatch);
    const name = artistTags.toptags["@attr"].artist;
    const score = scoreArtist(query.artist, name);
    if (score < threshold) return albumMatch === undefined ? notFound(this.name) : this.#empty(albumMatch);
    const url = `${WEB}/${encodeURIComponent(name)}`;
    const match: SourceMatch = albumMatch ?? { scope: "artist", id: url, artist: name, score, url };
    return { source: this.name, status: "found", match, genres: weighCounts(artistTags.toptags.tag, "artist") };
  }

  #empty(match: SourceMatch): SourceAnswer {
    return { source: this.name, status: "found", match, genres: [] };
  }

  async #topTags(query: Record<string, string>, apiKey: string, signal?: AbortSignal) {
    const answer = await this.#http.requestJson(
      { path: "/", query: { ...query, autocorrect: 1, format: "json" }, secretQuery: { api_key: apiKey } },
      signal,
    );
    return answer.found ? parseAnswer("lastfm", query.method ?? "top tags", TopTagsSchema, answer.body) : undefined;
  }
}
