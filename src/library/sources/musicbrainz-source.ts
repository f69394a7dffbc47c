/**
 * MusicBrainz genre source (Web Service v2, JSON). Searches release groups by title and
 * artist (Lucene query `releasegroup:"…" AND artist:"…"`), fuzzy-matches the candidates
 * (fuzzy-match.ts), then looks the best one up with `inc=genres+tags` (a space in the
 * parameter, which form encoding sends as "+"); with no album genres, takes the artist's
 * (`/artist/<mbid>?inc=genres+tags`), and when no release group matches, searches the
 * artist alone. Genres carry vote counts; weight = count / highest count.
 * Needs no key, but a User-Agent with a contact, and at most 1 request per second.
 * Reference: https://musicbrainz.org/doc/MusicBrainz_API (Search, Lookups, Rate Limiting).
 */
import { z } from "zod";
import { parseAnswer, quotePhrase } from "./answer-shape.js";
import { closestName, parseYear, pickBestCandidate, scoreArtist, searchName } from "./fuzzy-match.js";
import {
  type AlbumQuery,
  type GenreSource,
  notFound,
  type SourceAnswer,
  type SourceGenre,
  weighCounts,
} from "./genre-source.js";
import type { ServiceHttpClient } from "./http-client.js";
import { createSourceHttpClient, resolveMatchOptions, type SourceOptions } from "./source-options.js";

const TagSchema = z.object({ name: z.string(), count: z.number() });
const ArtistCreditSchema = z.object({
  name: z.string(),
  joinphrase: z.string().optional(),
  artist: z.object({ id: z.string(), name: z.string() }),
});
const ReleaseGroupSearchSchema = z.object({
  "release-groups": z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      "first-release-date": z.string().optional(),
      "artist-credit": z.array(ArtistCreditSchema).default([]),
    }),
  ),
});
const ArtistSearchSchema = z.object({
  artists: z.array(z.object({ id: z.string(), name: z.string(), "sort-name": z.string().optional() })),
});
const TaggedEntitySchema = z.object({
  id: z.string(),
  genres: z.array(TagSchema).optional(),
  tags: z.array(TagSchema).optional(),
});

const WEB = "https://musicbrainz.org";

export class MusicBrainzGenreSource implements GenreSource {
  readonly name = "musicbrainz" as const;
  readonly #http: ServiceHttpClient;
  readonly #options: SourceOptions;

  constructor(options: SourceOptions) {
    this.#options = options;
    this.#http = createSourceHttpClient("musicbrainz", options);
  }

  async lookupAlbum(query: AlbumQuery, signal?: AbortSignal): Promise<SourceAnswer> {
    const matchOptions = resolveMatchOptions(this.#options);
    const artistName = searchName(query.artist);
    const search = await this.#http.requestJson(
      {
        path: "/release-group",
        query: {
          query: `releasegroup:${quotePhrase(searchName(query.album))} AND artist:${quotePhrase(artistName)}`,
          fmt: "json",
          limit: 10,
        },
      },
      signal,
    );
    const groups = search.found
      ? parseAnswer("musicbrainz", "release-group search", ReleaseGroupSearchSchema, search.body)["release-groups"]
      : [];
    const candidates = groups.map((group) => ({
      group,
      artist: closestName(query.artist, [
        group["artist-credit"].map((credit) => credit.name + (credit.joinphrase ?? "")).join(""),
        ...group["artist-credit"].map((credit) => credit.name),
      ]),
      album: group.title,
      year: parseYear(group["first-release-date"]),
    }));
    const best = pickBestCandidate(query, candidates, matchOptions);
    if (best !== undefined) {
      const { group, artist, album, year } = best.candidate;
      const match = {
        scope: "album" as const,
        id: group.id,
        artist,
        album,
        score: best.score,
        url: `${WEB}/release-group/${group.id}`,
        ...(year === undefined ? {} : { year }),
      };
      const albumGenres = await this.#genresOf("release-group", group.id, "album", signal);
      if (albumGenres.length > 0) return { source: this.name, status: "found", match, genres: albumGenres };
      const artistId = group["artist-credit"][0]?.artist.id;
      const artistGenres = artistId === undefined ? [] : await this.#genresOf("artist", artistId, "artist", signal);
      return { source: this.name, status: "found", match, genres: artistGenres };
    }
    return this.#artistFallback(artistName, matchOptions.threshold, signal);
  }

  async #artistFallback(artistName: string, threshold: number, signal?: AbortSignal): Promise<SourceAnswer> {
    const search = await this.#http.requestJson(
      { path: "/artist", query: { query: `artist:${quotePhrase(artistName)}`, fmt: "json", limit: 5 } },
      signal,
    );
    if (!search.found) return notFound(this.name);
    const artists = parseAnswer("musicbrainz", "artist search", ArtistSearchSchema, search.body).artists;
    let best: { id: string; name: string; score: number } | undefined;
    for (const artist of artists) {
      const score = Math.max(scoreArtist(artistName, artist.name), scoreArtist(artistName, artist["sort-name"] ?? ""));
      if (score >= threshold && (best === undefined || score > best.score)) best = { ...artist, score };
    }
    if (best === undefined) return notFound(this.name);
    const genres = await this.#genresOf("artist", best.id, "artist", signal);
    const match = {
      scope: "artist" as const,
      id: best.id,
      artist: best.name,
      score: best.score,
      url: `${WEB}/artist/${best.id}`,
    };
    return { source: this.name, status: "found", match, genres };
  }

  async #genresOf(
    entity: "release-group" | "artist",
    mbid: string,
    scope: "album" | "artist",
    signal?: AbortSignal,
  ): Promise<SourceGenre[]> {
    const lookup = await this.#http.requestJson(
      { path: `/${entity}/${encodeURIComponent(mbid)}`, query: { inc: "genres tags", fmt: "json" } },
      signal,
    );
    if (!lookup.found) return [];
    const tagged = parseAnswer("musicbrainz", `${entity} lookup`, TaggedEntitySchema, lookup.body);
    return weighCounts(tagged.genres ?? tagged.tags ?? [], scope);
  }
}
