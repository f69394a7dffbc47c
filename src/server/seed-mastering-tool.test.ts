/**
 * The Audio Mastering Tool's Electron client against tonearm: requests as
 * frontend/src/api/client.ts sends them (axios, JSON default header; FormData upload;
 * similarity POSTed with a null body and query params), assertions on the fields of
 * frontend/src/api/types.ts that it reads (dennisdubs6-creator/audio-mastering-tool).
 */
import { afterEach, describe, expect, it } from "vitest";
import { audioForm, readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

let server: TestServer;
afterEach(async () => server?.close());

async function upload(fields: Record<string, string>) {
  const response = await fetch(`${server.base}/api/analyze`, {
    method: "POST",
    body: audioForm(toneWav(2), "track.wav", "file", fields),
  });
  return { status: response.status, body: await readJson(response) };
}

describe("Audio Mastering Tool", () => {
  it("GET /health answers 200 (the backend manager's check)", async () => {
    server = await startTestServer();
    const response = await fetch(`${server.base}/health`);
    expect(response.status).toBe(200);
    expect((await readJson(response)).status).toBe("ok");
  });

  it("uploads, then reads AnalysisResponse with band and overall metrics", async () => {
    server = await startTestServer();
    const uploaded = await upload({ genre: "techno", recommendation_level: "analytical" });
    expect(uploaded.status).toBe(200);
    const analysisId: string = uploaded.body.analysis_id;
    expect(analysisId).toMatch(/^[0-9a-f-]{36}$/);
    expect(server.service.received[0]).toMatchObject({ kind: "mastering", genre: "techno", level: "informative" });

    const pending = await readJson(await fetch(`${server.base}/api/analysis/${analysisId}`));
    expect(pending).toMatchObject({ id: analysisId, status: "queued", band_metrics: [], overall_metrics: null });

    await server.service.completeJob(await jobOf(analysisId));
    const response = await fetch(`${server.base}/api/analysis/${analysisId}`);
    expect(response.status).toBe(200);
    const analysis = await readJson(response);
    expect(analysis).toMatchObject({
      id: analysisId,
      file_name: "track.wav",
      genre: "techno",
      recommendation_level: "analytical",
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
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

  it("finds similar references with a null JSON body, and lists references", async () => {
    server = await startTestServer();
    const uploaded = await upload({});
    await server.service.completeJob(await jobOf(uploaded.body.analysis_id));
    server.service.seedReference({ name: "Ref A", artist: "X", genre: "Techno", year: 2020 });
    server.service.seedReference({ name: "Ref B", genre: "House" });
    const response = await fetch(`${server.base}/api/similarity/${uploaded.body.analysis_id}?genre=Techno&top_k=5`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json, text/plain, */*" },
    });
    expect(response.status).toBe(200);
    const { matches } = await readJson(response);
    expect(matches).toEqual([
      {
        reference_id: expect.any(String),
        track_name: "Ref A",
        artist: "X",
        genre: "Techno",
        year: 2020,
        similarity_score: 0.9,
      },
    ]);
    const references = await readJson(await fetch(`${server.base}/api/references?genre=House`));
    expect(references).toEqual([
      expect.objectContaining({
        id: expect.any(String),
        track_name: "Ref B",
        genre: "House",
        is_builtin: false,
        created_at: expect.any(String),
      }),
    ]);
  });

  it("answers errors with FastAPI's `detail`", async () => {
    server = await startTestServer();
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
  });
});

async function jobOf(analysisId: string): Promise<string> {
  const view = await server.service.getAnalysis(analysisId);
  return view!.job.id;
}
