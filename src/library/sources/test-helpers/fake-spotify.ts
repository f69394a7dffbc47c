/**
 * A fake Spotify: the accounts service's client-credentials token endpoint (POST /api/token,
 * Basic auth, form grant_type=client_credentials → `{ access_token, token_type: "Bearer",
 * expires_in: 3600 }`, or 400 `{ error: "invalid_client", error_description }`) and the Web
 * API's `/v1/search?type=album` (`{ albums: { href, items: [SimplifiedAlbum], limit, next,
 * offset, previous, total } }`) and `/v1/artists?ids=` (`{ artists: [Artist | null] }`), which
 * answer 401 `{ error: { status, message } }` to an unknown or expired bearer token.
 * Reference: https://developer.spotify.com/documentation/web-api (client credentials flow,
 * search, get several artists).
 */
import { type FakeReply, type FakeRequest, type FakeServer, startFakeServer } from "./fake-service-server.js";

export const SPOTIFY_CLIENT = { clientId: "spotify-client-id", clientSecret: "spotify-client-secret" };

const ARTISTS = [
  {
    id: "3WrFJ7ztbogyGnTHbHJFl2",
    name: "The Beatles",
    genres: ["british invasion", "classic rock", "merseybeat", "psychedelic rock", "rock"],
  },
  { id: "0oSGxfWSnnOXhD2fKuz2Gy", name: "David Bowie", genres: ["art rock", "classic rock", "glam rock"] },
];

const ALBUMS = [
  { id: "0ETFjACtuP2ADo6LFhL6HN", name: "Abbey Road (Remastered)", date: "1969-09-26", tracks: 17, artist: 0 },
  { id: "6fQElzBNTiEMGdIeY0hy5l", name: "Let It Be (Remastered)", date: "1970-05-08", tracks: 12, artist: 0 },
  { id: "48D1hRORqJq52qsnUYZX56", name: "Heroes (2017 Remaster)", date: "1977-10-14", tracks: 10, artist: 1 },
];

export interface FakeSpotify {
  readonly server: FakeServer;
  /** Tokens issued so far. */
  readonly tokensIssued: number;
  /** Makes every issued token invalid (as if expired), so the API answers 401. */
  revokeTokens(): void;
}

function artistJson(index: number) {
  const artist = ARTISTS[index]!;
  return {
    external_urls: { spotify: `https://open.spotify.com/artist/${artist.id}` },
    href: `https://api.spotify.com/v1/artists/${artist.id}`,
    id: artist.id,
    name: artist.name,
    type: "artist",
    uri: `spotify:artist:${artist.id}`,
  };
}

const expired: FakeReply = { status: 401, json: { error: { status: 401, message: "The access token expired" } } };

export async function startFakeSpotify(): Promise<FakeSpotify> {
  const valid = new Set<string>();
  let issued = 0;
  const basic = `Basic ${Buffer.from(`${SPOTIFY_CLIENT.clientId}:${SPOTIFY_CLIENT.clientSecret}`).toString("base64")}`;

  function route(request: FakeRequest): FakeReply {
    if (request.path === "/api/token") {
      const form = new URLSearchParams(request.body);
      if (request.method !== "POST" || form.get("grant_type") !== "client_credentials") {
        return {
          status: 400,
          json: { error: "unsupported_grant_type", error_description: "grant_type parameter is missing" },
        };
      }
      if (request.headers.authorization !== basic) {
        return { status: 400, json: { error: "invalid_client", error_description: "Invalid client secret" } };
      }
      issued += 1;
      const token = `BQD-fake-token-${issued}`;
      valid.add(token);
      return { json: { access_token: token, token_type: "Bearer", expires_in: 3600 } };
    }
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? "")?.[1];
    if (bearer === undefined || !valid.has(bearer)) return expired;
    if (request.path === "/v1/search") {
      const q = request.query.get("q") ?? "";
      const album = /album:"([^"]*)"/.exec(q)?.[1]?.toLowerCase() ?? "";
      const artist = /artist:"([^"]*)"/.exec(q)?.[1]?.toLowerCase() ?? "";
      const items = ALBUMS.filter(
        (entry) =>
          entry.name.toLowerCase().includes(album) && ARTISTS[entry.artist]!.name.toLowerCase().includes(artist),
      ).map((entry) => ({
        album_type: "album",
        total_tracks: entry.tracks,
        available_markets: ["GB"],
        external_urls: { spotify: `https://open.spotify.com/album/${entry.id}` },
        href: `https://api.spotify.com/v1/albums/${entry.id}`,
        id: entry.id,
        images: [],
        name: entry.name,
        release_date: entry.date,
        release_date_precision: "day",
        type: "album",
        uri: `spotify:album:${entry.id}`,
        artists: [artistJson(entry.artist)],
      }));
      return {
        json: {
          albums: { href: "", items, limit: 10, next: null, offset: 0, previous: null, total: items.length },
        },
      };
    }
    if (request.path === "/v1/artists") {
      const ids = (request.query.get("ids") ?? "").split(",");
      const artists = ids.map((id) => {
        const index = ARTISTS.findIndex((artist) => artist.id === id);
        if (index < 0) return null;
        const { genres } = ARTISTS[index]!;
        return { ...artistJson(index), followers: { href: null, total: 1000 }, genres, images: [], popularity: 80 };
      });
      return { json: { artists } };
    }
    return { status: 404, json: { error: { status: 404, message: "Service not found" } } };
  }

  const server = await startFakeServer(route);
  return {
    server,
    get tokensIssued() {
      return issued;
    },
    revokeTokens: () => valid.clear(),
  };
}
