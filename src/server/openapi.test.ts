import { afterEach, describe, expect, it } from "vitest";
import { readJson } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

let server: TestServer;
afterEach(async () => server?.close());

const ROUTES = [
  "GET /health",
  "GET /ready",
  "POST /api/analyses",
  "GET /api/analyses",
  "GET /api/analyses/{id}",
  "GET /api/analyses/{id}/events",
  "DELETE /api/analyses/{id}",
  "GET /api/analyses/{id}/similar",
  "GET /api/analyses/{id}/spectrogram",
  "GET /api/analyses/{id}/spectrogram/data",
  "GET /api/analyses/{id}/spectrogram/axes",
  "GET /api/analyses/{id}/spectrogram/tiles/tiles.json",
  "GET /api/analyses/{id}/spectrogram/tiles/{zoom}/{tile}",
  "GET /api/analyses/{id}/spectrogram/idtap/{file}",
  "GET /api/analyses/{id}/melograph",
  "GET /api/analyses/{id}/pitch",
  "GET /api/analyses/{id}/notes",
  "POST /api/mastering",
  "POST /api/transcriptions",
  "GET /api/transcriptions/{id}/{artifact}",
  "GET /api/references",
  "POST /api/references",
  "DELETE /api/references/{id}",
  "GET /api/jobs",
  "GET /api/jobs/{id}",
  "GET /api/jobs/{id}/events",
  "POST /api/jobs/{id}/cancel",
  "POST /api/jobs/{id}/retry",
  "GET /api/settings",
  "PUT /api/settings/{key}",
  "DELETE /api/settings/{key}",
  "POST /api/ingest",
  "POST /api/library/scans",
  "POST /api/library/batches",
  "GET /api/library/albums",
  "GET /api/library/suggestions",
  "GET /api/library/suggestions/{id}",
  "POST /api/library/suggestions/{id}/approve",
  "POST /api/library/suggestions/{id}/edit",
  "POST /api/library/suggestions/{id}/reject",
  "POST /api/library/suggestions/{id}/skip",
  "GET /api/analyses/{id}/tonic",
  "PUT /api/analyses/{id}/tonic",
  "GET /api/tonics",
  "POST /api/tonics/update",
  "POST /analyze",
  "GET /formats",
  "POST /api/analyze",
  "GET /api/analysis/{analysis_id}",
  "POST /api/similarity/{analysis_id}",
  "GET /api/v1/health",
  "GET /api/v1/ready",
  "POST /api/v1/transcribe",
  "GET /api/v1/status/{job_id}",
  "GET /api/v1/download/{job_id}/{artifact}",
];

describe("OpenAPI document", () => {
  it("lists every route with its schemas, and /docs serves Swagger UI", async () => {
    server = await startTestServer({}, { runJobs: false });
    const response = await fetch(`${server.base}/docs/json`);
    expect(response.status).toBe(200);
    const document = await readJson(response);
    expect(document.openapi).toMatch(/^3\./);
    const documented = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(new Set(documented)).toEqual(new Set(ROUTES));
    // The progress WebSocket cannot be an OpenAPI path; the description names it.
    expect(document.info.description).toMatch(/GET \/ws\/progress\/\{analysis_id\}.*band_progress.*api_key=/s);
    const analysis = document.paths["/api/analyses/{id}"].get;
    expect(analysis.responses["200"].content["application/json"].schema.properties.report).toBeDefined();
    expect(analysis.parameters[0]).toMatchObject({ name: "id", in: "path" });
    // Rendered images and data name their content types, and the 304 of a matching If-None-Match.
    const spectrogram = document.paths["/api/analyses/{id}/spectrogram"].get.responses;
    expect(Object.keys(spectrogram["200"].content).sort()).toEqual(["image/png", "image/webp"]);
    expect(spectrogram["304"]).toBeDefined();
    const data = document.paths["/api/analyses/{id}/spectrogram/data"].get.responses["200"].content;
    expect(data["application/json"].schema.properties.data).toBeDefined();
    expect(data["application/octet-stream"]).toBeDefined();
    const idtap = document.paths["/api/analyses/{id}/spectrogram/idtap/{file}"].get.responses["200"].content;
    expect(idtap["application/gzip"]).toBeDefined();
    const pitch = document.paths["/api/analyses/{id}/pitch"].get.responses["200"].content["application/json"];
    expect(pitch.schema.properties.f0Hz).toBeDefined();
    const notes = document.paths["/api/analyses/{id}/notes"].get.responses["200"].content;
    expect(Object.keys(notes).sort()).toEqual(["application/json", "audio/midi"]);
    expect(notes["application/json"].schema.properties.notes).toBeDefined();
    const ui = await fetch(`${server.base}/docs`, { redirect: "follow" });
    expect(ui.status).toBe(200);
    expect(await ui.text()).toMatch(/swagger/i);
  });
});
