/**
 * Deezer genre source (public API, no key): `/search/album?q=artist:"…" album:"…"` (Deezer's
 * advanced search syntax), fuzzy match on artist, title and track count, then `/album/<id>`,
 * whose `genres.data[].name` are the album's genres (weight 1; Deezer gives no counts) and
 * whose `release_date` re-checks the year. Deezer artists carry no genres: no artist fallback.
 * Deezer reports errors inside HTTP 200 bodies, `{ error: { type, message, code } }`:
 * 4 = quota (50 requests / 5 s) and 700 = service busy are retried, 800 = no data is
 * not-found, 200/300 = permission/token.
 * Reference: https://developers.deezer.com/api (search, album, errors).
 */
import { z } from "zod";
import { parseAnswer, quotePhrase } from "./answer-shape.js";
import type { ClassifyAnswer } from "./answer-verdict.js";
import { parseYear, pickBestCandidate, scoreCandidate, searchName } from "./fuzzy-match.js";
import { type AlbumQuery, type GenreSource, notFound, type SourceAnswer, unweightedLabels } from "./genre-source.js";
import type { ServiceHttpClient } from "./http-client.js";
import { createSourceHttpClient, resolveMatchOptions, type SourceOptions } from "./source-options.js";

const SearchSchema = z.object({
  data: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      nb_tracks: z.number().optional(),
      artist: z.object({ id: z.number(), name: z.string() }),
    }),
  ),
  total: z.number().optional(),
});
const AlbumSchema = z.object({
  id: z.number(),
  title: z.string(),
  link: z.string().optional(),
  release_date: z.string().optional(),
  nb_tracks: z.number().optional(),
  genres: z.object({ data: z.array(z.object({ id: z.number(), name: z.string() })) }).default({ data: [] }),
  artist: z.object({ name: z.string() }),
});

const ErrorBodySchema = z.object({ error: z.object({ type: z.string(), message: z.string(), code: z.number() }) });

export const classifyDeezerAnswer: ClassifyAnswer = (status, body) => {
  const parsed = ErrorBodySchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { type, message, code } = parsed.data.error;
  const reason = `${type} ${code}: ${message} (HTTP ${status})`;
  if (code === 800) return { kind: "not-found" };
  if (code === 4 || code === 700) return { kind: "retry", reason };
  if (code === 200 || code === 300) return { kind: "credentials", reason };
  return { kind: "fail", reason };
};

export class DeezerGenreSource implements GenreSource {
  readonly name = "deezer" as const;
  readonly #http: ServiceHttpClient;
  readonly #options: SourceOptions;

  constructor(options: SourceOptions) {
    this.#options = options;
    this.#http = createSourceHttpClient("deezer", options, { classify: classifyDeezerAnswer });
  }

  async lookupAlbum(query: AlbumQuery, signal?: AbortSignal): Promise<SourceAnswer> {
    const matchOptions = resolveMatchOptions(this.#options);
    const phrase = `artist:${quotePhrase(searchName(query.artist))} album:${quotePhrase(searchName(query.album))}`;
    const search = await this.#http.requestJson({ path: "/search/album", query: { q: phrase, limit: 10 } }, signal);
    if (!search.found) return notFound(this.name);
    const hits = parseAnswer("deezer", "album search", SearchSchema, search.body).data;
    const candidates = hits.map((hit) => ({
      hit,
      artist: hit.artist.name,
      album: hit.title,
      ...(hit.nb_tracks === undefined ? {} : { trackCount: hit.nb_tracks }),
    }));
    // Search results carry no date: the year is checked on the album itself below.
    const best = pickBestCandidate({ ...query, year: undefined }, candidates, matchOptions);
    if (best === undefined) return notFound(this.name);
    const lookup = await this.#http.requestJson({ path: `/album/${best.candidate.hit.id}` }, signal);
    if (!lookup.found) return notFound(this.name);
    const album = parseAnswer("deezer", "album", AlbumSchema, lookup.body);
    const year = parseYear(album.release_date);
    const candidate = {
      artist: album.artist.name,
      album: album.title,
      ...(year === undefined ? {} : { year }),
      ...(album.nb_tracks === undefined ? {} : { trackCount: album.nb_tracks }),
    };
    const score = scoreCandidate(query, candidate, matchOptions);
    if (score < matchOptions.threshold) return notFound(this.name);
    return {
      source: this.name,
      status: "found",
      match: {
        scope: "album",
        id: String(album.id),
        ...candidate,
        score,
        url: album.link ?? `https://www.deezer.com/album/${album.id}`,
      },
      genres: unweightedLabels(
        album.genres.data.map((genre) => genre.name),
        "album",
      ),
    };
  }
}
