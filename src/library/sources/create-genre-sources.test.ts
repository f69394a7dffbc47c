import { describe, expect, it } from "vitest";
import { createGenreSources } from "./create-genre-sources.js";
import { resolveSourceCredentials } from "./credentials.js";

describe("createGenreSources", () => {
  it("builds all five services in order, or the ones asked for", () => {
    const credentials = resolveSourceCredentials({}, {});
    expect(createGenreSources({ credentials }).map((source) => source.name)).toEqual([
      "musicbrainz",
      "lastfm",
      "discogs",
      "deezer",
      "spotify",
    ]);
    expect(
      createGenreSources({ credentials, services: ["deezer", "musicbrainz"] }).map((source) => source.name),
    ).toEqual(["deezer", "musicbrainz"]);
  });

  it("lets the services without credentials answer no-credentials without touching the network", async () => {
    let requests = 0;
    const countingFetch: typeof fetch = async () => {
      requests += 1;
      throw new Error("no network in this test");
    };
    const sources = createGenreSources({
      credentials: resolveSourceCredentials({}, {}),
      services: ["lastfm", "discogs", "spotify"],
      fetch: countingFetch,
    });
    const answers = await Promise.all(sources.map((source) => source.lookupAlbum({ artist: "A", album: "B" })));
    expect(answers.map((answer) => [answer.source, answer.status])).toEqual([
      ["lastfm", "no-credentials"],
      ["discogs", "no-credentials"],
      ["spotify", "no-credentials"],
    ]);
    expect(requests).toBe(0);
  });
});
