import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TONEARM_VERSION } from "../../version.js";
import { MusicBrainzGenreSource } from "./musicbrainz-source.js";
import { musicBrainzReplies, startFakeMusicBrainz } from "./test-helpers/fake-musicbrainz.js";
import { type FakeServer, reply } from "./test-helpers/fake-service-server.js";
import { testSetup } from "./test-helpers/test-options.js";

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeMusicBrainz();
});
afterEach(async () => {
  await server.close();
});

function source(overrides = {}) {
  const setup = testSetup(`${server.url}/ws/2`, overrides);
  return { ...setup, source: new MusicBrainzGenreSource(setup.options) };
}

describe("MusicBrainzGenreSource", () => {
  it("finds a release group and returns its genres weighted by votes", async () => {
    const { source: musicbrainz } = source();
    const answer = await musicbrainz.lookupAlbum({
      artist: "Beatles, The",
      album: "Abbey Road (Remastered)",
      year: 1969,
    });
    expect(answer.status).toBe("found");
    expect(answer.match).toMatchObject({ scope: "album", id: "9162580e-5df4-32de-80cc-f45a8d8a9b1d", year: 1969 });
    expect(answer.match?.url).toBe("https://musicbrainz.org/release-group/9162580e-5df4-32de-80cc-f45a8d8a9b1d");
    expect(answer.genres).toEqual([
      { label: "rock", weight: 1, count: 12, scope: "album" },
      { label: "pop rock", weight: 0.5, count: 6, scope: "album" },
      { label: "progressive pop", weight: 0.25, count: 3, scope: "album" },
    ]);
    const [search, lookup] = server.requests;
    expect(search?.query.get("query")).toBe('releasegroup:"Abbey Road" AND artist:"The Beatles"');
    expect(lookup?.path).toBe("/ws/2/release-group/9162580e-5df4-32de-80cc-f45a8d8a9b1d");
    expect(lookup?.query.get("inc")).toBe("genres tags");
  });

  it("sends a User-Agent with name, version and contact on every request", async () => {
    const { source: musicbrainz } = source();
    await musicbrainz.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" });
    expect(server.requests.length).toBe(2);
    for (const request of server.requests) {
      expect(request.headers["user-agent"]).toBe(`tonearm/${TONEARM_VERSION} ( tests@tonearm.invalid )`);
    }
  });

  it("falls back to the artist's genres when the release group has none", async () => {
    const { source: musicbrainz } = source();
    const answer = await musicbrainz.lookupAlbum({ artist: "The Beatles", album: "Yellow Submarine Songtrack" });
    expect(answer.status).toBe("found");
    expect(answer.match?.scope).toBe("album");
    expect(answer.genres.map((genre) => [genre.label, genre.scope])).toEqual([
      ["rock", "artist"],
      ["pop", "artist"],
      ["psychedelic rock", "artist"],
    ]);
    expect(server.requests.at(-1)?.path).toBe("/ws/2/artist/b10bbbfc-cf9e-42e0-be17-e2c3e1d2600d");
  });

  it("searches the artist alone when no release group matches", async () => {
    const { source: musicbrainz } = source();
    const answer = await musicbrainz.lookupAlbum({ artist: "The Beatles", album: "Some Bootleg Nobody Catalogued" });
    expect(answer.status).toBe("found");
    expect(answer.match).toMatchObject({ scope: "artist", artist: "The Beatles" });
    expect(answer.match?.album).toBeUndefined();
    expect(answer.genres[0]).toMatchObject({ label: "rock", scope: "artist", weight: 1 });
  });

  it("answers not-found for an unknown artist and album", async () => {
    const { source: musicbrainz } = source();
    const answer = await musicbrainz.lookupAlbum({ artist: "Nobody Knows", album: "Unreleased" });
    expect(answer).toEqual({ source: "musicbrainz", status: "not-found", genres: [] });
  });

  it("uses the year to choose between two self-titled albums", async () => {
    const { source: musicbrainz } = source();
    const answer = await musicbrainz.lookupAlbum({ artist: "Peter Gabriel", album: "Peter Gabriel", year: 1980 });
    expect(answer.match?.id).toBe("1b6f2f4d-2cfc-3f7b-8c7a-7d5c5d2f1d22");
    expect(answer.genres.map((genre) => genre.label)).toEqual(["art rock", "post-punk"]);
  });

  it("waits at least one second between requests (1 request/s)", async () => {
    const { source: musicbrainz, clock } = source();
    const start = clock.now();
    await musicbrainz.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" });
    await musicbrainz.lookupAlbum({ artist: "Peter Gabriel", album: "Peter Gabriel", year: 1977 });
    expect(server.requests.length).toBe(4);
    // The first request uses the full bucket; each of the next three waits a whole second.
    expect(clock.sleeps).toEqual([1000, 1000, 1000]);
    expect(clock.now() - start).toBe(3000);
  });

  it("retries its rate-limit 503 and succeeds", async () => {
    const { source: musicbrainz } = source();
    server.inject(musicBrainzReplies.rateLimited());
    const answer = await musicbrainz.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" });
    expect(answer.status).toBe("found");
    expect(server.requests.length).toBe(3);
  });

  it("answers a second lookup from the cache without any request", async () => {
    const { source: musicbrainz } = source();
    const first = await musicbrainz.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" });
    const sent = server.requests.length;
    const second = await musicbrainz.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" });
    expect(server.requests.length).toBe(sent);
    expect(second).toEqual(first);
  });

  it("reports a malformed answer clearly", async () => {
    const { source: musicbrainz } = source();
    server.inject(reply.malformed());
    await expect(musicbrainz.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" })).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: expect.stringMatching(/musicbrainz is not available: HTTP 200 with a body that is not valid JSON/),
    });
  });

  it("reports an answer of the wrong shape naming the endpoint", async () => {
    const { source: musicbrainz } = source();
    server.inject({ json: { "release-groups": [{ id: 42 }] } });
    await expect(musicbrainz.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" })).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: expect.stringMatching(/release-group search answer has an unexpected shape at release-groups\.0\.id/),
    });
  });
});
