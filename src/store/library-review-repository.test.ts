import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aggregateGenres, proposeGenres } from "../library/suggest/aggregate-genres.js";
import { openStore, type Store } from "./open-store.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./test-helpers/test-databases.js";

const album = (id: string, title: string) => ({
  id,
  folder: `/music/${title}`,
  artist: "Artist",
  title,
  year: 2000,
  compilation: false,
  inferred: false,
  discCount: 1,
  trackPaths: [],
});

function suggestionFor(albumId: string, agreeing: string[]) {
  const ranked = aggregateGenres(agreeing.map((source) => ({ source, genres: [{ genre: "Jazz", weight: 1 }] })));
  const proposal = proposeGenres(ranked);
  return { albumId, ...proposal, proposal: proposal.genres, ranked, evidence: [] };
}

describe.each(TEST_DIALECTS)("genre review on %s", (dialect) => {
  let database: TestDatabase;
  let store: Store;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
    await store.library.saveScan("/music", {
      upserts: [],
      touched: [],
      moves: [],
      removals: [],
      albums: [album("a1", "One"), album("a2", "Two"), album("a3", "Three")],
    });
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it("approves confident suggestions automatically, on record, and queues the rest by confidence", async () => {
    const auto = await store.review.createSuggestion(suggestionFor("a1", ["spotify", "musicbrainz", "discogs"]));
    expect(auto).toMatchObject({ status: "approved", decidedGenres: ["Jazz"], albumTitle: "One" });
    expect((await store.review.decisions(auto.id)).map((decision) => [decision.action, decision.actor])).toEqual([
      ["auto-approve", "tonearm"],
    ]);
    const review = await store.review.createSuggestion(suggestionFor("a2", ["musicbrainz", "lastfm"]));
    const manual = await store.review.createSuggestion(suggestionFor("a3", ["lastfm"]));
    expect([review.status, manual.status]).toEqual(["review", "manual"]);
    const pending = await store.review.list({ statuses: ["review", "manual"] });
    expect(pending.total).toBe(2);
    expect(pending.items.map((item) => item.albumTitle)).toEqual(["Two", "Three"]);
  });

  it("records every decision: skip keeps the status, edit and reject change it, superseded ones refuse", async () => {
    const [two] = (await store.review.list({ statuses: ["review"] })).items;
    const skipped = await store.review.decide(two!.id, { action: "skip", actor: "ana" });
    expect(skipped.status).toBe("review");
    await expect(store.review.decide(two!.id, { action: "edit", genres: [" "], actor: "ana" })).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
    const edited = await store.review.decide(two!.id, {
      action: "edit",
      genres: ["Jazz", "Soul"],
      actor: "ana",
      note: "more soul",
    });
    expect(edited).toMatchObject({ status: "edited", decidedGenres: ["Jazz", "Soul"] });
    const rejected = await store.review.decide(two!.id, { action: "reject", actor: "bo" });
    expect(rejected).toMatchObject({ status: "rejected", decidedGenres: null });
    expect((await store.review.decisions(two!.id)).map((decision) => `${decision.action}:${decision.actor}`)).toEqual([
      "skip:ana",
      "edit:ana",
      "reject:bo",
    ]);

    const [three] = (await store.review.list({ statuses: ["manual"] })).items;
    const newer = await store.review.createSuggestion(suggestionFor("a3", ["musicbrainz", "lastfm"]));
    expect((await store.review.get(three!.id)).status).toBe("superseded");
    await expect(store.review.decide(three!.id, { action: "approve", actor: "ana" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await store.review.decide(newer.id, { action: "approve", actor: "ana" });
    expect(Object.fromEntries(await store.review.decidedGenresByAlbum())).toEqual({ a1: ["Jazz"], a3: ["Jazz"] });
    await expect(store.review.get("nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
