/**
 * The Audio Mastering Tool's Electron client against tonearm over the real service, on
 * SQLite and on PostgreSQL: requests as frontend/src/api/client.ts sends them (axios, JSON
 * default header; FormData upload; similarity POSTed with a null body and query params),
 * assertions on the fields of frontend/src/api/types.ts that it reads
 * (dennisdubs6-creator/audio-mastering-tool). The flow is the client's: upload → analysis →
 * references → similarity. Jobs wait for the test's release (gated worker) so that the
 * pending answers can be seen.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../store/test-helpers/test-databases.js";
import { audioForm, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer, waitForAnalysis } from "./test-helpers/test-server.js";

/** axios's default headers for the client's JSON calls. */
const AXIOS_JSON = { "content-type": "application/json", accept: "application/json, text/plain, */*" };

describe.each(TEST_DIALECTS)("Audio Mastering Tool on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({}, { dialect, gated: true });
  });
  afterAll(async () => server?.close());

  async function upload(fields: Record<string, string>, name = "track.wav", seconds = 2) {
    const response = await fetch(`${server.base}/api/analyze`, {
      method: "POST",
      body: audioForm(toneWav(seconds), name, "file", fields),
    });
    return { status: response.status, body: await readJson(response) };
  }

  async function jobOf(analysisId: string): Promise<string> {
    return (await server.service.getAnalysis(analysisId))!.job.id;
  }

  /** Uploads, lets the job run and waits for it. */
  async function analysed(fields: Record<string, string>, name: string, seconds = 2): Promise<string> {
    const uploaded = await upload(fields, name, seconds);
    expect(uploaded.status).toBe(200);
    const analysisId: string = uploaded.body.analysis_id;
    await server.release(await jobOf(analysisId));
    expect(await waitForAnalysis(server, analysisId)).toBe("completed");
    return analysisId;
  }

  it("GET /health answers 200 (the backend manager's check)", async () => {
    const response = await fetch(`${server.base}/health`);
    expect(response.status).toBe(200);
    expect((await readJson(response)).status).toBe("ok");
  });

  it("uploads, then reads AnalysisResponse with band and overall metrics", async () => {
    const uploaded = await upload({ genre: "techno", recommendation_level: "analytical" });
    expect(uploaded.status).toBe(200);
    const analysisId: string = uploaded.body.analysis_id;
    expect(analysisId).toMatch(/^[0-9a-f-]{36}$/);
    expect(uploaded.body).toMatchObject({ id: analysisId, status: "queued", file_name: "track.wav", genre: "techno" });
    expect(server.received().at(-1)).toMatchObject({ kind: "mastering", genre: "techno", level: "informative" });

    const pending = await readJson(await fetch(`${server.base}/api/analysis/${analysisId}`));
    expect(pending).toMatchObject({ id: analysisId, band_metrics: [], overall_metrics: null, recommendations: [] });
    expect(["queued", "running"]).toContain(pending.status);

    await server.release(await jobOf(analysisId));
    expect(await waitForAnalysis(server, analysisId)).toBe("completed");
    const response = await fetch(`${server.base}/api/analysis/${analysisId}`);
    expect(response.status).toBe(200);
    const analysis = await readJson(response);
    expect(analysis).toMatchObject({
      id: analysisId,
      file_name: "track.wav",
      genre: "techno",
      recommendation_level: "analytical",
      status: "completed",
      progress: 1,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(analysis.duration_seconds).toBeCloseTo(2, 1);
    expect(analysis.band_metrics.map((band: { band_name: string }) => band.band_name)).toEqual([
      "low",
      "low_mid",
      "mid",
      "high_mid",
      "high",
    ]);
    const low = analysis.band_metrics[0];
    expect(low).toMatchObject({ freq_min: 20, freq_max: 200 });
    for (const field of [
      "band_rms_dbfs",
      "crest_factor_db",
      "spectral_centroid_hz",
      "stereo_width_percent",
      "thd_percent",
    ]) {
      expect(low).toHaveProperty(field);
    }
    expect(typeof analysis.overall_metrics.integrated_lufs).toBe("number");
    expect(typeof analysis.overall_metrics.true_peak_dbfs).toBe("number");
    expect(analysis.recommendations.length).toBeGreaterThan(0);
    const recommendation = analysis.recommendations[0];
    expect(recommendation).toMatchObject({
      id: expect.any(String),
      severity: expect.any(String),
      created_at: expect.any(String),
    });
    expect(typeof recommendation.analytical_text).toBe("string");
  });

  it("adds references and finds similar ones with a null JSON body, filtered by genre", async () => {
    const trackId = await analysed({ genre: "techno" }, "mine.wav");
    const referenceA = await analysed({}, "ref-a.wav", 3);
    const referenceB = await analysed({}, "ref-b.wav");
    const add = async (analysisId: string, fields: Record<string, unknown>) => {
      const response = await fetch(`${server.base}/api/references`, {
        method: "POST",
        headers: AXIOS_JSON,
        body: JSON.stringify({ analysis_id: analysisId, ...fields }),
      });
      expect(response.status).toBe(201);
      return readJson(response);
    };
    const refA = await add(referenceA, { name: "Ref A", artist: "X", genre: "Techno", year: 2020 });
    const refB = await add(referenceB, { name: "Ref B", genre: "House" });

    const response = await fetch(`${server.base}/api/similarity/${trackId}?genre=Techno&top_k=5`, {
      method: "POST",
      headers: AXIOS_JSON,
    });
    expect(response.status).toBe(200);
    const { matches } = await readJson(response);
    expect(matches).toEqual([
      {
        reference_id: refA.id,
        track_name: "Ref A",
        artist: "X",
        genre: "Techno",
        year: 2020,
        similarity_score: expect.any(Number),
      },
    ]);
    expect(matches[0].similarity_score).toBeGreaterThan(0.5);
    expect(matches[0].similarity_score).toBeLessThanOrEqual(1 + 1e-6);

    const all = await readJson(
      await fetch(`${server.base}/api/similarity/${trackId}?top_k=1`, { method: "POST", headers: AXIOS_JSON }),
    );
    expect(all.matches).toHaveLength(1);
    const both = await readJson(await fetch(`${server.base}/api/similarity/${trackId}`, { method: "POST" }));
    expect(new Set(both.matches.map((match: { reference_id: string }) => match.reference_id))).toEqual(
      new Set([refA.id, refB.id]),
    );
    const scores = both.matches.map((match: { similarity_score: number }) => match.similarity_score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const references = await readJson(await fetch(`${server.base}/api/references?genre=House`));
    expect(references).toEqual([
      expect.objectContaining({
        id: refB.id,
        track_name: "Ref B",
        genre: "House",
        is_builtin: false,
        created_at: expect.any(String),
      }),
    ]);
  });

  it("answers errors with FastAPI's `detail`", async () => {
    const unknown = await fetch(`${server.base}/api/analysis/${crypto.randomUUID()}`);
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).detail).toBe("Analysis not found");
    const similar = await fetch(`${server.base}/api/similarity/${crypto.randomUUID()}`, { method: "POST" });
    expect(similar.status).toBe(404);
    const uploaded = await upload({});
    const incomplete = await fetch(`${server.base}/api/similarity/${uploaded.body.analysis_id}`, { method: "POST" });
    expect(incomplete.status).toBe(400);
    expect((await readJson(incomplete)).detail).toMatch(/incomplete/);
    const badLevel = await upload({ recommendation_level: "loud" });
    expect(badLevel.status).toBe(422);
    expect(typeof badLevel.body.detail).toBe("string");
    const badTopK = await fetch(`${server.base}/api/similarity/${uploaded.body.analysis_id}?top_k=51`, {
      method: "POST",
    });
    expect(badTopK.status).toBe(400);
    expect(typeof (await readJson(badTopK)).detail).toBe("string");
    await server.release(await jobOf(uploaded.body.analysis_id));
    await waitForAnalysis(server, uploaded.body.analysis_id);
  });
});
