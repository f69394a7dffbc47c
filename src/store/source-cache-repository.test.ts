import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "./open-store.js";
import { SourceCacheRepository } from "./source-cache-repository.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./test-helpers/test-databases.js";

describe.each(TEST_DIALECTS)("source cache on %s", (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let now = Date.parse("2026-01-01T00:00:00Z");
  let cache: SourceCacheRepository;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
    cache = new SourceCacheRepository(store.database.db, () => now);
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  it("answers what was set until it expires, then nothing; set replaces; sweep deletes expired rows", async () => {
    await cache.set("musicbrainz:GET /ws/2/x", '{"a":1}', 60);
    expect(await cache.get("musicbrainz:GET /ws/2/x")).toBe('{"a":1}');
    expect(await cache.get("other")).toBeUndefined();
    now += 61_000;
    expect(await cache.get("musicbrainz:GET /ws/2/x")).toBeUndefined();
    await cache.set("musicbrainz:GET /ws/2/x", '{"a":2}', 60);
    await cache.set("short", "x", 1);
    expect(await cache.get("musicbrainz:GET /ws/2/x")).toBe('{"a":2}');
    now += 2_000;
    expect(await cache.sweep()).toBe(1);
    expect(await cache.get("musicbrainz:GET /ws/2/x")).toBe('{"a":2}');
  });
});
