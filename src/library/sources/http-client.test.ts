import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createManualClock, type ManualClock } from "./clock.js";
import { createServiceHttpClient, type ServiceHttpOptions } from "./http-client.js";
import { createMemoryResponseCache, type MemoryResponseCache } from "./response-cache.js";
import { RETRY_DEFAULTS } from "./retry-policy.js";
import { type FakeServer, reply, startFakeServer } from "./test-helpers/fake-service-server.js";

let server: FakeServer;
let clock: ManualClock;
let cache: MemoryResponseCache;
beforeEach(async () => {
  server = await startFakeServer((request) =>
    request.path === "/missing"
      ? { status: 404, json: { message: "The requested resource was not found." } }
      : { json: { ok: request.path } },
  );
  clock = createManualClock();
  cache = createMemoryResponseCache(clock);
});
afterEach(async () => {
  await server.close();
});

function client(overrides: Partial<ServiceHttpOptions> = {}) {
  return createServiceHttpClient({
    service: "discogs",
    baseUrl: server.url,
    rateLimit: { capacity: 100, refillPerSecond: 100 },
    retry: RETRY_DEFAULTS,
    timeoutMs: 2000,
    contact: "tests@tonearm.invalid",
    credentialsHint: "TONEARM_DISCOGS_TOKEN",
    clock,
    random: () => 0.5,
    fetch: globalThis.fetch,
    cache,
    cacheTtl: { foundSeconds: 3600, notFoundSeconds: 60 },
    ...overrides,
  });
}

describe("ServiceHttpClient", () => {
  it("waits what Retry-After (seconds) says after a 429, then succeeds", async () => {
    server.inject(reply.rateLimited("7"));
    const result = await client().requestJson({ path: "/album" });
    expect(result).toEqual({ found: true, body: { ok: "/album" } });
    expect(server.requests.length).toBe(2);
    expect(clock.sleeps).toEqual([7000]);
  });

  it("reads Retry-After as an HTTP date", async () => {
    server.inject(reply.rateLimited(new Date(clock.now() + 12_000).toUTCString()));
    await client().requestJson({ path: "/album" });
    expect(clock.sleeps).toEqual([12_000]);
  });

  it("backs off exponentially with jitter when no Retry-After is given, then gives up with NOT_AVAILABLE", async () => {
    server.inject(reply.unavailable(), reply.unavailable(), reply.unavailable(), reply.unavailable());
    await expect(client().requestJson({ path: "/album" })).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: "discogs is not available: HTTP 503 after 4 attempts",
    });
    expect(server.requests.length).toBe(4);
    // random() = 0.5: step/2 + step/4 for steps of 1, 2 and 4 s.
    expect(clock.sleeps).toEqual([750, 1500, 3000]);
  });

  it("does not wait for a Retry-After beyond the limit", async () => {
    server.inject(reply.rateLimited("3600"));
    await expect(client().requestJson({ path: "/album" })).rejects.toThrow(/asked to wait 3600 s/);
    expect(server.requests.length).toBe(1);
  });

  it("turns a slow answer into TIMEOUT after the retries", async () => {
    server.inject(reply.slow(3000), reply.slow(3000));
    const started = Date.now();
    await expect(
      client({ timeoutMs: 100, retry: { ...RETRY_DEFAULTS, maxRetries: 1 } }).requestJson({ path: "/album" }),
    ).rejects.toMatchObject({
      code: "TIMEOUT",
      message: "discogs timed out: no answer within 100 ms after 2 attempts",
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("names the setting to fix when the credentials are refused", async () => {
    server.inject({ status: 401, json: { message: "You must authenticate to access this resource." } });
    await expect(client().requestJson({ path: "/album" })).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: "discogs is not available: the service refused the credentials (HTTP 401); check TONEARM_DISCOGS_TOKEN",
    });
    expect(server.requests.length).toBe(1);
  });

  it("reports a service it cannot connect to", async () => {
    const closed = server.url;
    await server.close();
    server = await startFakeServer(() => ({ json: {} }));
    await expect(
      client({ baseUrl: closed, retry: { ...RETRY_DEFAULTS, maxRetries: 1 } }).requestJson({ path: "/album" }),
    ).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: expect.stringMatching(/could not connect .* after 2 attempts/),
    });
  });

  it("gives up at once on a host name that does not resolve, without backing off", async () => {
    const unresolvable = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND api.discogs.com"), { code: "ENOTFOUND" }),
      });
    };
    await expect(client({ fetch: unresolvable }).requestJson({ path: "/album" })).rejects.toMatchObject({
      code: "NOT_AVAILABLE",
      message: expect.stringMatching(/could not connect \(getaddrinfo ENOTFOUND api\.discogs\.com\)/),
    });
    expect(clock.sleeps).toEqual([]);
  });

  it("turns the caller's abort into CANCELLED, also while backing off", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(client().requestJson({ path: "/album" }, controller.signal)).rejects.toMatchObject({
      code: "CANCELLED",
    });
    expect(server.requests.length).toBe(0);
  });

  it("caches answers by URL without the secret parameters, until the TTL runs out", async () => {
    const http = client();
    const request = {
      path: "/album",
      query: { q: "x" },
      secretQuery: { api_key: "SECRET" },
      headers: { Authorization: "Discogs token=T" },
    };
    await http.requestJson(request);
    await http.requestJson(request);
    expect(server.requests.length).toBe(1);
    expect(server.requests[0]?.query.get("api_key")).toBe("SECRET");
    expect(await cache.get(`discogs GET ${server.url}/album?q=x`)).toBe('{"ok":"/album"}');
    clock.advance(3600 * 1000);
    await http.requestJson(request);
    expect(server.requests.length).toBe(2);
  });

  it("caches not-found for the shorter TTL", async () => {
    const http = client();
    expect(await http.requestJson({ path: "/missing" })).toEqual({ found: false });
    expect(await http.requestJson({ path: "/missing" })).toEqual({ found: false });
    expect(server.requests.length).toBe(1);
    clock.advance(60 * 1000);
    await http.requestJson({ path: "/missing" });
    expect(server.requests.length).toBe(2);
  });

  it("never caches a failure", async () => {
    const http = client();
    server.inject(reply.malformed());
    await expect(http.requestJson({ path: "/album" })).rejects.toThrow(/not valid JSON/);
    expect(cache.size).toBe(0);
    expect(await http.requestJson({ path: "/album" })).toEqual({ found: true, body: { ok: "/album" } });
  });

  it("refreshes the authorization once on a 401, then retries", async () => {
    let token = "old";
    let refreshes = 0;
    server.inject({ status: 401, json: { error: { status: 401, message: "The access token expired" } } });
    const auth = {
      headers: async () => ({ Authorization: `Bearer ${token}` }),
      refresh: () => {
        refreshes += 1;
        token = "new";
      },
    };
    const result = await client().requestJson({ path: "/album", auth });
    expect(result.found).toBe(true);
    expect(refreshes).toBe(1);
    expect(server.requests.map((request) => request.headers.authorization)).toEqual(["Bearer old", "Bearer new"]);
  });

  it("cancels a request in flight when the caller aborts", async () => {
    server.inject(reply.slow(3000));
    const controller = new AbortController();
    const started = Date.now();
    const pending = client().requestJson({ path: "/album" }, controller.signal);
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ code: "CANCELLED", message: "discogs lookup cancelled" });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(server.requests.length).toBe(1);
  });

  it("bypasses a failing cache and ignores a corrupt entry", async () => {
    const broken = {
      get: async () => {
        throw new Error("database is down");
      },
      set: async () => {
        throw new Error("database is down");
      },
    };
    expect(await client({ cache: broken }).requestJson({ path: "/album" })).toEqual({
      found: true,
      body: { ok: "/album" },
    });
    await cache.set(`discogs GET ${server.url}/album`, "{ corrupt", 3600);
    expect(await client().requestJson({ path: "/album" })).toEqual({ found: true, body: { ok: "/album" } });
    expect(server.requests.length).toBe(2);
  });
});
