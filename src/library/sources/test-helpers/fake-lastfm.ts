/**
 * A fake Last.fm API 2.0 (format=json) answering `album.getTopTags` and `artist.getTopTags`
 * with the documented shape `{ toptags: { tag: [{ count, name, url }], "@attr": { artist,
 * album } } }`, including autocorrection (the corrected names come back in `@attr`), and
 * Last.fm's error bodies `{ error, message, links }`: 6 not found, 10 invalid key (HTTP 403),
 * 29 rate limit exceeded.
 * Reference: https://www.last.fm/api/show/album.getTopTags, https://www.last.fm/api/errorcodes.
 */
import type { FakeTag } from "./fake-musicbrainz.js";
import { type FakeReply, type FakeRequest, type FakeServer, startFakeServer } from "./fake-service-server.js";

export interface FakeLastfmAlbum {
  readonly artist: string;
  readonly album: string;
  /** Names that Last.fm's autocorrection maps to this album. */
  readonly corrections?: readonly string[];
  readonly tags: readonly FakeTag[];
}

export const LASTFM_ALBUMS: readonly FakeLastfmAlbum[] = [
  {
    artist: "The Beatles",
    album: "Abbey Road",
    tags: [
      { name: "classic rock", count: 100 },
      { name: "rock", count: 85 },
      { name: "60s", count: 47 },
      { name: "albums I own", count: 0 },
    ],
  },
  {
    artist: "The Beatles",
    album: "Let It Be",
    corrections: ["let it be... naked"],
    tags: [{ name: "rock", count: 100 }],
  },
  { artist: "Radiohead", album: "Kid A", tags: [] },
];

export const LASTFM_ARTISTS: Readonly<Record<string, readonly FakeTag[]>> = {
  "The Beatles": [
    { name: "classic rock", count: 100 },
    { name: "rock", count: 64 },
    { name: "british", count: 40 },
  ],
  Radiohead: [
    { name: "alternative", count: 100 },
    { name: "alternative rock", count: 88 },
    { name: "electronic", count: 38 },
  ],
};

export const LASTFM_API_KEY = "lastfm-test-key-0123456789abcdef";

export const lastfmReplies = {
  notFound: (what: "Album" | "Artist"): FakeReply => ({
    json: { error: 6, message: `${what} not found`, links: [] },
  }),
  invalidKey: (): FakeReply => ({
    status: 403,
    json: { error: 10, message: "Invalid API key - You must be granted a valid key by last.fm", links: [] },
  }),
  rateLimited: (): FakeReply => ({
    status: 429,
    json: {
      error: 29,
      message: "Rate Limit Exceeded - Your IP has made too many requests in a short period",
      links: [],
    },
  }),
};

function tagsJson(tags: readonly FakeTag[]) {
  return tags.map((tag) => ({
    count: tag.count,
    name: tag.name,
    url: `https://www.last.fm/tag/${encodeURIComponent(tag.name)}`,
  }));
}

function same(left: string, right: string): boolean {
  return left.toLowerCase().replace(/^the /, "") === right.toLowerCase().replace(/^the /, "");
}

function route(request: FakeRequest): FakeReply {
  if (request.path !== "/2.0/") return { status: 404, body: "<html>not found</html>" };
  if (request.query.get("format") !== "json") return { body: '<lfm status="ok"></lfm>' };
  if (request.query.get("api_key") !== LASTFM_API_KEY) return lastfmReplies.invalidKey();
  const method = request.query.get("method")?.toLowerCase();
  const artist = request.query.get("artist") ?? "";
  const autocorrect = request.query.get("autocorrect") === "1";
  if (method === "album.gettoptags") {
    const title = request.query.get("album") ?? "";
    const album = LASTFM_ALBUMS.find(
      (entry) =>
        same(entry.artist, artist) &&
        (same(entry.album, title) || (autocorrect && (entry.corrections ?? []).includes(title.toLowerCase()))),
    );
    if (album === undefined) return lastfmReplies.notFound("Album");
    return { json: { toptags: { tag: tagsJson(album.tags), "@attr": { artist: album.artist, album: album.album } } } };
  }
  if (method === "artist.gettoptags") {
    const name = Object.keys(LASTFM_ARTISTS).find((candidate) => same(candidate, artist));
    if (name === undefined) return lastfmReplies.notFound("Artist");
    return { json: { toptags: { tag: tagsJson(LASTFM_ARTISTS[name] ?? []), "@attr": { artist: name } } } };
  }
  return {
    status: 400,
    json: { error: 3, message: "Invalid Method - No method with that name in this package", links: [] },
  };
}

export function startFakeLastfm(): Promise<FakeServer> {
  return startFakeServer(route);
}
