import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DiscogsGenreSource, splitDiscogsTitle } from "./discogs-source.js";
import type { SourceOptions } from "./source-options.js";
import { discogsReplies, startFakeDiscogs } from "./test-helpers/fake-discogs.js";
import { type FakeServer, reply } from "./test-helpers/fake-service-server.js";
import { testSetup } from "./test-helpers/test-options.js";

let server: FakeServer;
beforeEach(async () => {
  server = await startFakeDiscogs();
});
afterEach(async () => {
  await server.close();
});

function source(overrides: Partial<SourceOptions> = {}) {
  const setup = testSetup(server.url, overrides);
  return { ...setup, source: new DiscogsGenreSource(setup.options) };
}

describe("DiscogsGenreSource", () => {
  it("finds the master and returns its genres then styles", async () => {
    const { source: discogs } = source();
    const answer = await discogs.lookupAlbum({ artist: "The Beatles", album: "Abbey Road", year: 1969 });
    expect(answer.match).toEqual({
      scope: "album",
      id: "master/24047",
      artist: "The Beatles",
      album: "Abbey Road",
      year: 1969,
      score: 1,
      url: "https://www.discogs.com/master/24047-Abbey-Road",
    });
    expect(answer.genres).toEqual([
      { label: "Rock", weight: 1, scope: "album" },
      { label: "Pop Rock", weight: 1, scope: "album" },
      { label: "Psychedelic Rock", weight: 1, scope: "album" },
    ]);
    expect(server.requests[0]?.headers.authorization).toBe("Discogs token=discogs-test-token");
    expect(Object.fromEntries(server.requests[0]!.query)).toMatchObject({
      type: "master",
      artist: "The Beatles",
      release_title: "Abbey Road",
    });
  });

  it("searches releases when no master matches, ignoring Discogs' artist numbering", async () => {
    const { source: discogs } = source();
    const answer = await discogs.lookupAlbum({ artist: "Nirvana", album: "Local Anaesthetic", year: 1971 });
    expect(server.requests.map((request) => request.query.get("type"))).toEqual(["master", "release"]);
    expect(answer.match).toMatchObject({ id: "release/1234567", artist: "Nirvana (2)" });
    expect(answer.genres.map((genre) => genre.label)).toEqual(["Rock", "Prog Rock", "Psychedelic Rock"]);
  });

  it("answers not-found when neither search matches", async () => {
    const { source: discogs } = source();
    expect((await discogs.lookupAlbum({ artist: "The Beatles", album: "Let It Be" })).status).toBe("not-found");
    expect(server.requests.length).toBe(2);
  });

  it("authenticates with a consumer key and secret", async () => {
    const { source: discogs } = source({
      credentials: { musicbrainzContact: "x", discogs: { key: "k", secret: "s" } },
    });
    expect((await discogs.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" })).status).toBe("found");
    expect(server.requests[0]?.headers.authorization).toBe("Discogs key=k, secret=s");
  });

  it("answers no-credentials without a request when no token is set", async () => {
    const { source: discogs } = source({ credentials: { musicbrainzContact: "x" } });
    expect((await discogs.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" })).status).toBe("no-credentials");
    expect(server.requests.length).toBe(0);
  });

  it("names the setting when the token is refused", async () => {
    const { source: discogs } = source({ credentials: { musicbrainzContact: "x", discogs: { token: "revoked" } } });
    await expect(discogs.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" })).rejects.toThrow(
      /discogs is not available: the service refused the credentials \(HTTP 401\); check TONEARM_DISCOGS_TOKEN/,
    );
  });

  it("honours Retry-After on 429", async () => {
    const { source: discogs, clock } = source();
    server.inject(discogsReplies.rateLimited("30"));
    expect((await discogs.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" })).status).toBe("found");
    expect(clock.sleeps).toEqual([30_000]);
  });

  it("gives up with NOT_AVAILABLE when 503 persists", async () => {
    const { source: discogs } = source({ retry: { maxRetries: 2 } });
    server.inject(reply.unavailable(), reply.unavailable(), reply.unavailable());
    await expect(discogs.lookupAlbum({ artist: "The Beatles", album: "Abbey Road" })).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: "discogs is not available: HTTP 503 after 3 attempts",
    });
  });

  it("keeps 60 requests a minute: 5 at once, then one every 60/55 s", async () => {
    const { source: discogs, clock } = source();
    const start = clock.now();
    for (let index = 0; index < 7; index += 1)
      await discogs.lookupAlbum({ artist: "The Beatles", album: `Album ${index}` });
    // 14 searches (master + release each): 5 from the burst, 9 more at 55 per minute.
    expect(server.requests.length).toBe(14);
    expect(clock.now() - start).toBeGreaterThanOrEqual(Math.floor((9 * 60_000) / 55));
    expect(clock.now() - start).toBeLessThan(Math.ceil((9 * 60_000) / 55) + 20);
  });
});

describe("splitDiscogsTitle", () => {
  it("splits at the first ' - '", () => {
    expect(splitDiscogsTitle("The Beatles - Abbey Road")).toEqual({ artist: "The Beatles", album: "Abbey Road" });
    expect(splitDiscogsTitle("Sly & The Family Stone - There's A Riot Goin' On - Live")).toEqual({
      artist: "Sly & The Family Stone",
      album: "There's A Riot Goin' On - Live",
    });
    expect(splitDiscogsTitle("Untitled")).toEqual({ artist: "", album: "Untitled" });
  });
});
