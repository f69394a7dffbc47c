import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LastfmGenreSource } from "./lastfm-source.js";
import type { SourceOptions } from "./source-options.js";
import { lastfmReplies, startFakeLastfm } from "./test-helpers/fake-lastfm.js";
import { type FakeServer, reply } from "./test-helpers/fake-service-server.js";
import { TEST_CREDENTIALS, testSetup } from "./test-helpers/test-options.js";

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeLastfm();
});
afterEach(async () => {
  await server.close();
});

function source(overrides: Partial<SourceOptions> = {}) {
  const setup = testSetup(`${server.url}/2.0`, overrides);
  return { ...setup, source: new LastfmGenreSource(setup.options) };
}

describe("LastfmGenreSource", () => {
  it("returns the album's top tags weighted by Last.fm's relative counts", async () => {
    const { source: lastfm } = source();
    const answer = await lastfm.lookupAlbum({ artist: "The Beatles", album: "Abbey Road (Remastered)" });
    expect(answer.status).toBe("found");
    expect(answer.match).toMatchObject({ scope: "album", artist: "The Beatles", album: "Abbey Road", score: 1 });
    expect(answer.genres).toEqual([
      { label: "classic rock", weight: 1, count: 100, scope: "album" },
      { label: "rock", weight: 0.85, count: 85, scope: "album" },
      { label: "60s", weight: 0.47, count: 47, scope: "album" },
      { label: "albums I own", weight: 0, count: 0, scope: "album" },
    ]);
    const request = server.requests[0]!;
    expect(Object.fromEntries(request.query)).toMatchObject({
      method: "album.gettoptags",
      artist: "The Beatles",
      album: "Abbey Road",
      autocorrect: "1",
      format: "json",
    });
  });

  it("falls back to the artist's tags when the album has none", async () => {
    const { source: lastfm } = source();
    const answer = await lastfm.lookupAlbum({ artist: "Radiohead", album: "Kid A" });
    expect(answer.match).toMatchObject({ scope: "album", album: "Kid A" });
    expect(answer.genres.map((genre) => [genre.label, genre.scope])).toEqual([
      ["alternative", "artist"],
      ["alternative rock", "artist"],
      ["electronic", "artist"],
    ]);
  });

  it("falls back to the artist when the album is unknown (error 6)", async () => {
    const { source: lastfm } = source();
    const answer = await lastfm.lookupAlbum({ artist: "Radiohead", album: "Unreleased Demos" });
    expect(answer.status).toBe("found");
    expect(answer.match).toMatchObject({ scope: "artist", artist: "Radiohead" });
    expect(answer.genres[0]).toMatchObject({ label: "alternative", scope: "artist" });
  });

  it("refuses an autocorrection to another album and uses the artist's tags", async () => {
    const { source: lastfm } = source();
    const answer = await lastfm.lookupAlbum({ artist: "The Beatles", album: "Let It Be... Naked" });
    expect(server.requests[0]?.query.get("album")).toBe("Let It Be... Naked");
    expect(answer.match?.scope).toBe("artist");
    expect(answer.genres.every((genre) => genre.scope === "artist")).toBe(true);
  });

  it("answers not-found when neither album nor artist is known", async () => {
    const { source: lastfm } = source();
    expect(await lastfm.lookupAlbum({ artist: "Nobody Knows", album: "Nothing" })).toEqual({
      source: "lastfm",
      status: "not-found",
      genres: [],
    });
  });

  it("answers no-credentials without a request when no API key is set", async () => {
    const { source: lastfm } = source({ credentials: { musicbrainzContact: "x" } });
    expect((await lastfm.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" })).status).toBe("no-credentials");
    expect(server.requests.length).toBe(0);
  });

  it("sends the API key but keeps it out of the cache key", async () => {
    const { source: lastfm, cache } = source();
    await lastfm.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" });
    expect(server.requests[0]?.query.get("api_key")).toBe(TEST_CREDENTIALS.lastfmApiKey);
    expect(cache.keys()).toEqual([
      `lastfm GET ${server.url}/2.0/?method=album.gettoptags&artist=The+Beatles&album=Abbey+Road&autocorrect=1&format=json`,
    ]);
    await lastfm.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" });
    expect(server.requests.length).toBe(1);
  });

  it("names the setting when Last.fm refuses the key (error 10)", async () => {
    const { source: lastfm } = source({ credentials: { musicbrainzContact: "x", lastfmApiKey: "wrong" } });
    await expect(lastfm.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" })).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: expect.stringMatching(
        /refused the credentials \(error 10: Invalid API key.*\); check TONEARM_LASTFM_API_KEY/,
      ),
    });
  });

  it("retries after error 29 (rate limit exceeded)", async () => {
    const { source: lastfm, clock } = source();
    server.inject(lastfmReplies.rateLimited(), reply.unavailable());
    const answer = await lastfm.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" });
    expect(answer.status).toBe("found");
    expect(server.requests.length).toBe(3);
    expect(clock.sleeps.length).toBe(2);
  });
});
