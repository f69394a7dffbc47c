/** Settings over the real service, on SQLite and on PostgreSQL (JSON text vs jsonb columns). */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_DIALECTS } from "../store/test-helpers/test-databases.js";
import { readJson } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

describe.each(TEST_DIALECTS)("settings on %s", (dialect) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ corsOrigins: ["https://app.example"] }, { dialect, runJobs: false });
  });
  afterAll(async () => server?.close());

  const put = (key: string, body: unknown, raw = false) =>
    fetch(`${server.base}/api/settings/${key}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: raw ? (body as string) : JSON.stringify(body),
    });

  it("puts JSON values of every kind, replaces them, lists them by key, and removes them", async () => {
    expect(await readJson(await fetch(`${server.base}/api/settings`))).toEqual({ settings: {} });
    const values: Record<string, unknown> = {
      "ui.theme": "dark",
      "jobs.max_upload-mb": 200,
      "feature.beta": true,
      "nothing.here": null,
      "library.roots": ["/music", "/more music"],
      "mastering.defaults": { genre: "techno", levels: { low: -1.5, high: 2 }, tags: [] },
    };
    for (const [key, value] of Object.entries(values)) {
      const response = await put(key, { value });
      expect(response.status).toBe(200);
      expect(await readJson(response)).toEqual({ key, value });
    }
    expect(await readJson(await put("ui.theme", { value: "light" }))).toEqual({ key: "ui.theme", value: "light" });
    const listed = await readJson(await fetch(`${server.base}/api/settings`));
    expect(listed.settings).toEqual({ ...values, "ui.theme": "light" });
    expect(Object.keys(listed.settings)).toEqual(Object.keys(listed.settings).sort());
    expect(await server.service.listSettings()).toEqual(listed.settings);

    expect((await fetch(`${server.base}/api/settings/ui.theme`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(`${server.base}/api/settings/ui.theme`, { method: "DELETE" })).status).toBe(404);
    expect((await readJson(await fetch(`${server.base}/api/settings`))).settings).not.toHaveProperty("ui.theme");
  });

  it("validates keys (400) and bodies (422)", async () => {
    for (const key of ["Theme", "9lives", "ui%2F..%2Fx", "a".repeat(65), "with%20space", "_hidden"]) {
      const response = await put(key, { value: 1 });
      expect(response.status, key).toBe(400);
      expect((await readJson(response)).error.code).toBe("BAD_REQUEST");
    }
    expect((await put("a".repeat(64), { value: 1 })).status).toBe(200);
    for (const body of [{}, { value: 1, extra: 2 }, "plain", [1]]) {
      const response = await put("ui.ok", body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect((await readJson(response)).error.code).toBe("VALIDATION_FAILED");
    }
    expect((await put("ui.ok", "{ nope", true)).status).toBe(400);
    const huge = await put("ui.huge", { value: "x".repeat(64 * 1024) });
    expect(huge.status).toBe(422);
    expect((await readJson(huge)).error).toMatchObject({
      code: "INVALID_OPTION",
      message: expect.stringMatching(/65538/),
    });
    expect((await server.service.listSettings())["ui.huge"]).toBeUndefined();
  });

  it("are allowed cross-origin for configured origins (PUT in the preflight)", async () => {
    const preflight = await fetch(`${server.base}/api/settings/ui.theme`, {
      method: "OPTIONS",
      headers: { origin: "https://app.example", "access-control-request-method": "PUT" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-methods")).toMatch(/PUT/);
  });
});
