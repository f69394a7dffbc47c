import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { SourceOptions } from "./source-options.js";
import { SpotifyGenreSource } from "./spotify-source.js";
import { reply } from "./test-helpers/fake-service-server.js";
import { type FakeSpotify, SPOTIFY_CLIENT, startFakeSpotify } from "./test-helpers/fake-spotify.js";
import { testSetup } from "./test-helpers/test-options.js";

let spotify: FakeSpotify;
beforeEach(async () => {
  spotify = await startFakeSpotify();
});
afterEach(async () => {
  await spotify.server.close();
});

function source(overrides: Partial<SourceOptions> = {}) {
  const setup = testSetup(`${spotify.server.url}/v1`, overrides);
  return { ...setup, source: new SpotifyGenreSource({ ...setup.options, accountsUrl: spotify.server.url }) };
}

const ABBEY_ROAD = { artist: "The Beatles", album: "Abbey Road", year: 1969, trackCount: 17 };

describe("SpotifyGenreSource", () => {
  it("matches the album and returns its artist's genres", async () => {
    const { source: client } = source();
    const answer = await client.lookupAlbum(ABBEY_ROAD);
    expect(answer.status).toBe("found");
    expect(answer.match).toEqual({
      scope: "album",
      id: "0ETFjACtuP2ADo6LFhL6HN",
      artist: "The Beatles",
      album: "Abbey Road (Remastered)",
      year: 1969,
      trackCount: 17,
      score: 1,
      url: "https://open.spotify.com/album/0ETFjACtuP2ADo6LFhL6HN",
    });
    expect(answer.genres.map((genre) => genre.label)).toEqual([
      "british invasion",
      "classic rock",
      "merseybeat",
      "psychedelic rock",
      "rock",
    ]);
    expect(answer.genres.every((genre) => genre.scope === "artist" && genre.weight === 1)).toBe(true);
    const [token, search, artists] = spotify.server.requests;
    expect(token).toMatchObject({ method: "POST", path: "/api/token", body: "grant_type=client_credentials" });
    expect(token?.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.fromEntries(search!.query)).toMatchObject({
      q: 'album:"Abbey Road" artist:"The Beatles"',
      type: "album",
    });
    expect(artists?.query.get("ids")).toBe("3WrFJ7ztbogyGnTHbHJFl2");
    expect(artists?.headers.authorization).toBe("Bearer BQD-fake-token-1");
  });

  it("reuses the token until it nears expiry", async () => {
    const { source: client, clock } = source();
    await client.lookupAlbum(ABBEY_ROAD);
    await client.lookupAlbum({ artist: "David Bowie", album: "Heroes" });
    expect(spotify.tokensIssued).toBe(1);
    clock.advance(3541 * 1000); // within the last minute of its hour: fetched anew
    await client.lookupAlbum({ artist: "The Beatles", album: "Let It Be" });
    expect(spotify.tokensIssued).toBe(2);
    expect(client.tokenRequests).toBe(2);
  });

  it("fetches a new token when the API answers 401, then succeeds", async () => {
    const { source: client } = source();
    await client.lookupAlbum(ABBEY_ROAD);
    spotify.revokeTokens();
    const answer = await client.lookupAlbum({ artist: "David Bowie", album: "Heroes" });
    expect(answer.genres.map((genre) => genre.label)).toEqual(["art rock", "classic rock", "glam rock"]);
    expect(spotify.tokensIssued).toBe(2);
  });

  it("names the settings when the client secret is wrong", async () => {
    const { source: client } = source({
      credentials: { musicbrainzContact: "x", spotify: { ...SPOTIFY_CLIENT, clientSecret: "wrong" } },
    });
    await expect(client.lookupAlbum(ABBEY_ROAD)).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: expect.stringMatching(
        /refused the credentials \(invalid_client \(Invalid client secret\), HTTP 400\); check TONEARM_SPOTIFY_CLIENT_ID and TONEARM_SPOTIFY_CLIENT_SECRET/,
      ),
    });
  });

  it("answers no-credentials without a request when no client is configured", async () => {
    const { source: client } = source({ credentials: { musicbrainzContact: "x" } });
    expect(await client.lookupAlbum(ABBEY_ROAD)).toEqual({ source: "spotify", status: "no-credentials", genres: [] });
    expect(spotify.server.requests.length).toBe(0);
  });

  it("rejects an album whose track count and year are far off", async () => {
    const { source: client } = source();
    const answer = await client.lookupAlbum({ artist: "The Beatles", album: "Let It Be", year: 2003, trackCount: 11 });
    expect(answer.status).toBe("not-found");
  });

  it("honours Retry-After on 429, keeping the token", async () => {
    const { source: client, clock } = source();
    await client.lookupAlbum(ABBEY_ROAD);
    spotify.server.inject(reply.rateLimited("4", { error: { status: 429, message: "API rate limit exceeded" } }));
    const answer = await client.lookupAlbum({ artist: "David Bowie", album: "Heroes" });
    expect(answer.status).toBe("found");
    expect(clock.sleeps).toContain(4000);
    expect(spotify.tokensIssued).toBe(1);
  });
});
