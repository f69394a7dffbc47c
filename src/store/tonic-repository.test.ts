import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "./open-store.js";
import { createTestDatabase, TEST_DIALECTS, type TestDatabase } from "./test-helpers/test-databases.js";
import { type NewTonic, TonicRepository } from "./tonic-repository.js";

describe.each(TEST_DIALECTS)("tonic repository on %s", (dialect) => {
  let database: TestDatabase;
  let store: Store;
  let tonics: TonicRepository;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    store = await openStore(database.options);
    tonics = new TonicRepository(store.database.db, store.database.dialect);
  });

  afterAll(async () => {
    await store?.close();
    await database?.dispose();
  });

  async function addAnalysis(fileName: string, createdAt: string): Promise<string> {
    const id = randomUUID();
    const job = await store.jobs.insert({ kind: "analysis", payload: {}, maxAttempts: 1, analysisId: id });
    await store.analyses.insert({
      id,
      kind: "analysis",
      fileName,
      audioPath: `/tmp/${fileName}`,
      owned: false,
      genre: null,
      level: null,
      analyses: null,
      jobId: job.id,
      createdAt,
    });
    return id;
  }

  function estimate(analysisId: string, hz: number): NewTonic {
    return {
      analysisId,
      hz,
      pitchClass: 2,
      octave: 3,
      centsOffset: -0.3,
      confidence: 0.62,
      source: "estimated",
      method: "drone+melody",
      details: { key: { tonicPitchClass: 2, mode: "major", confidence: 0.4 }, candidates: [{ hz, score: 0.5 }] },
    };
  }

  it("stores an estimate, reads it back with its JSON details, and replaces it with a newer estimate", async () => {
    const id = await addAnalysis("raga.wav", "2026-01-01T00:00:00.000Z");
    expect(await tonics.get(id)).toBeUndefined();
    const saved = await tonics.saveEstimate(estimate(id, 146.8));
    expect(saved).toMatchObject({ analysisId: id, hz: 146.8, pitchClass: 2, octave: 3, source: "estimated" });
    expect(await tonics.get(id)).toEqual(saved);
    expect((await tonics.get(id))?.details).toEqual({
      key: { tonicPitchClass: 2, mode: "major", confidence: 0.4 },
      candidates: [{ hz: 146.8, score: 0.5 }],
    });
    const again = await tonics.saveEstimate(estimate(id, 147.1));
    expect(again?.hz).toBe(147.1);
    expect((await tonics.get(id))?.hz).toBe(147.1);
  });

  it("keeps a manual tonic against estimates; save (forced) replaces it", async () => {
    const id = await addAnalysis("alap.wav", "2026-01-02T00:00:00.000Z");
    await tonics.save({
      analysisId: id,
      hz: 138,
      pitchClass: 1,
      octave: 3,
      centsOffset: -7.4,
      confidence: null,
      source: "manual",
      method: "manual",
      details: {},
    });
    expect(await tonics.saveEstimate(estimate(id, 146.8))).toBeUndefined();
    expect(await tonics.get(id)).toMatchObject({ hz: 138, source: "manual", confidence: null, details: {} });
    expect((await tonics.sources()).get(id)).toBe("manual");
    await tonics.save(estimate(id, 146.8));
    expect(await tonics.get(id)).toMatchObject({ hz: 146.8, source: "estimated" });
  });

  it("lists tonics with file names, newest analysis first, paged; deleting the analysis deletes its tonic", async () => {
    const id = await addAnalysis("latest.wav", "2026-01-03T00:00:00.000Z");
    await tonics.saveEstimate(estimate(id, 220));
    const page = await tonics.list({ limit: 2 });
    expect(page.total).toBe(3);
    expect(page.items.map((item) => item.fileName)).toEqual(["latest.wav", "alap.wav"]);
    expect((await tonics.list({ offset: 2 })).items.map((item) => item.fileName)).toEqual(["raga.wav"]);
    await store.analyses.remove(id);
    expect(await tonics.get(id)).toBeUndefined();
    expect((await tonics.list()).total).toBe(2);
    expect(await tonics.remove(id)).toBe(false);
  });
});
