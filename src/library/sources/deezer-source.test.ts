import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DeezerGenreSource } from "./deezer-source.js";
import type { SourceOptions } from "./source-options.js";
import { deezerReplies, startFakeDeezer } from "./test-helpers/fake-deezer.js";
import { type FakeServer, reply } from "./test-helpers/fake-service-server.js";
import { testSetup } from "./test-helpers/test-options.js";

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeDeezer();
});
afterEach(async () => {
  await server.close();
});

function source(overrides: Partial<SourceOptions> = {}) {
  const setup = testSetup(server.url, overrides);
  return { ...setup, source: new DeezerGenreSource(setup.options) };
}

describe("DeezerGenreSource", () => {
  it("searches, matches and returns the album's genres", async () => {
    const { source: deezer } = source();
    const answer = await deezer.lookupAlbum({ artist: "Daft Punk", album: "Discovery", year: 2001, trackCount: 14 });
    expect(answer).toEqual({
      source: "deezer",
      status: "found",
      match: {
        scope: "album",
        id: "302127",
        artist: "Daft Punk",
        album: "Discovery",
        year: 2001,
        trackCount: 14,
        score: 1,
        url: "https://www.deezer.com/album/302127",
      },
      genres: [
        { label: "Dance", weight: 1, scope: "album" },
        { label: "Electro", weight: 1, scope: "album" },
      ],
    });
    expect(server.requests[0]?.query.get("q")).toBe('artist:"Daft Punk" album:"Discovery"');
    expect(server.requests[1]?.path).toBe("/album/302127");
  });

  it("rejects the album when its release date is far from the year in the tags", async () => {
    const { source: deezer } = source();
    const answer = await deezer.lookupAlbum({ artist: "Daft Punk", album: "Discovery", year: 1981 });
    expect(answer.status).toBe("not-found");
  });

  it("answers not-found for an empty search", async () => {
    const { source: deezer } = source();
    expect((await deezer.lookupAlbum({ artist: "Daft Punk", album: "Homework" })).status).toBe("not-found");
    expect(server.requests.length).toBe(1);
  });

  it("reads an in-body 'no data' error (code 800) as not-found", async () => {
    const { source: deezer } = source();
    server.inject(deezerReplies.noData());
    expect((await deezer.lookupAlbum({ artist: "Daft Punk", album: "Discovery" })).status).toBe("not-found");
  });

  it("retries the in-body quota error (code 4) with backoff", async () => {
    const { source: deezer, clock } = source();
    server.inject(deezerReplies.quota(), deezerReplies.busy());
    expect((await deezer.lookupAlbum({ artist: "Daft Punk", album: "Discovery" })).status).toBe("found");
    expect(server.requests.length).toBe(4);
    expect(clock.sleeps.length).toBe(2);
  });

  it("gives up on a quota error that persists, without caching it", async () => {
    const { source: deezer, cache } = source({ retry: { maxRetries: 1 } });
    server.inject(deezerReplies.quota(), deezerReplies.quota());
    await expect(deezer.lookupAlbum({ artist: "Daft Punk", album: "Discovery" })).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: "deezer is not available: Exception 4: Quota limit exceeded (HTTP 200) after 2 attempts",
    });
    expect(cache.size).toBe(0);
  });

  it("times out a slow answer with TIMEOUT", async () => {
    const { source: deezer } = source({ timeoutMs: 100, retry: { maxRetries: 0 } });
    server.inject(reply.slow(2000));
    await expect(deezer.lookupAlbum({ artist: "Daft Punk", album: "Discovery" })).rejects.toMatchObject({
      code: "TIMEOUT",
    });
  });

  it("needs no credentials", async () => {
    const { source: deezer } = source({ credentials: { musicbrainzContact: "x" } });
    expect((await deezer.lookupAlbum({ artist: "Daft Punk", album: "Discovery" })).status).toBe("found");
  });

  it("caches both requests, and asks again once the TTL has passed", async () => {
    const { source: deezer, clock } = source({ cacheTtl: { foundSeconds: 3600, notFoundSeconds: 600 } });
    await deezer.lookupAlbum({ artist: "Daft Punk", album: "Discovery" });
    await deezer.lookupAlbum({ artist: "Daft Punk", album: "Discovery" });
    expect(server.requests.length).toBe(2);
    clock.advance(3600 * 1000 + 1);
    await deezer.lookupAlbum({ artist: "Daft Punk", album: "Discovery" });
    expect(server.requests.length).toBe(4);
  });
});
