/**
 * The music library over real HTTP on the real service, on SQLite and on PostgreSQL: a real
 * library encoded by ffmpeg (MP3, FLAC, Opus, M4A) under an allowed root; a scan outside the
 * allowed roots refused (403), a missing folder 404; a scan stopped by cancelling it while its
 * worker thread waits to save (pausing-job-worker.ts) changes nothing and its thread is gone;
 * a scan job completing with its summary; the albums listed; a batch job against local servers
 * answering as MusicBrainz, Last.fm, Discogs, Deezer and Spotify, its suggestions listed and
 * decided through the API (approve, edit, reject, skip) with every decision and its actor
 * recorded; a superseded suggestion refused (409). The library jobs are listed with the others.
 */
import { existsSync, realpathSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LibraryConfig, LibraryConfigSchema } from "../config/load-config.js";
import { createFixtureDir, type FixtureDir } from "../io/test-helpers/fixtures.js";
import { type FakeGenreServices, startFakeGenreServices } from "../library/sources/test-helpers/fake-genre-services.js";
import { buildTestLibrary, type TestTrack } from "../library/test-helpers/test-library.js";
import { PAUSE_FILE, PAUSED_FILE, PAUSING_JOB_WORKER, RELEASE_FILE } from "../service/test-helpers/scan-pauses.js";
import { TEST_DIALECTS } from "../store/test-helpers/test-databases.js";
import { readJson } from "./test-helpers/audio.js";
import { readEvents } from "./test-helpers/sse.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

const TRACKS: TestTrack[] = [
  {
    path: "The Beatles/Abbey Road/01 Come Together.mp3",
    tags: { artist: "The Beatles", album_artist: "The Beatles", album: "Abbey Road", date: "1969", genre: "rock" },
    frequency: 300,
  },
  {
    path: "The Beatles/Abbey Road/02 Something.mp3",
    tags: { artist: "The Beatles", album_artist: "The Beatles", album: "Abbey Road", date: "1969", genre: "rock" },
    frequency: 320,
  },
  {
    path: "Daft Punk/Discovery/01 One More Time.flac",
    tags: { artist: "Daft Punk", album: "Discovery", title: "One More Time", date: "2001", genre: "electronica" },
    frequency: 340,
  },
  {
    path: "Unknown Band/Demos/take.opus",
    tags: { artist: "Unknown Band", album: "Demos", title: "Take", genre: "hip-hop" },
    frequency: 360,
  },
  { path: "Someone/Thing/01.m4a", tags: { artist: "Someone", album: "Thing", title: "One" }, frequency: 380 },
];

/** Longer than the pausing worker's 10 ms poll: a living thread would have unmarked itself by then. */
const THREAD_STOPPED_AFTER_MS = 250;
const API_KEY = "library-test-key-0123456789";

interface Json {
  readonly status: number;
  /** Parsed JSON, read field by field as the other server tests do (readJson). */
  readonly body: Awaited<ReturnType<typeof readJson>>;
}

let fixtures: FixtureDir;
let root: string;
let libraryConfig: LibraryConfig;
let services: FakeGenreServices;

beforeAll(async () => {
  fixtures = await createFixtureDir("library-http");
  root = join(fixtures.dir, "Music");
  await buildTestLibrary(root, TRACKS);
  await rm(join(root, ".sources"), { recursive: true, force: true });
  await mkdir(join(fixtures.dir, "Elsewhere"));
  services = await startFakeGenreServices();
  libraryConfig = LibraryConfigSchema.parse(services.libraryConfig);
}, 60_000);

afterAll(async () => {
  await services?.close();
  await fixtures?.remove();
});

describe.each(TEST_DIALECTS)("the music library over HTTP on %s", (dialect) => {
  let server: TestServer;
  /** With API keys on PostgreSQL (decisions by "key-0"), without on SQLite (by "api"). */
  const withKey = dialect === "postgres";
  const actor = withKey ? "key-0" : "api";

  beforeAll(async () => {
    server = await startTestServer(
      { allowedRoots: [root], library: libraryConfig, apiKeys: withKey ? [API_KEY] : [] },
      { dialect, workerUrl: PAUSING_JOB_WORKER },
    );
  });
  afterAll(async () => server?.close());

  async function call(method: "GET" | "POST", path: string, body?: unknown): Promise<Json> {
    const headers: Record<string, string> = withKey ? { "x-api-key": API_KEY } : {};
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${server.base}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: await readJson(response) };
  }

  async function finished(jobId: string) {
    await server.until(
      async () => !["queued", "running"].includes((await call("GET", `/api/jobs/${jobId}`)).body.status),
    );
    return (await call("GET", `/api/jobs/${jobId}`)).body;
  }

  it("refuses a scan outside the allowed roots (403) and of a missing folder (404)", async () => {
    const outside = await call("POST", "/api/library/scans", { root: join(fixtures.dir, "Elsewhere") });
    expect(outside.status).toBe(403);
    expect(outside.body.error.message).toContain("allowedRoots");
    expect((await call("POST", "/api/library/scans", { root: join(root, "..", "Elsewhere") })).status).toBe(403);
    expect((await call("POST", "/api/library/scans", { root: join(root, "Nowhere") })).status).toBe(404);
    expect((await call("POST", "/api/library/scans", { root: "relative/Music" })).status).toBe(422);
    expect((await call("GET", "/api/jobs?kind=library-scan")).body.total).toBe(0);
  });

  it("cancelling a scan about to save stops its thread and changes nothing", async () => {
    await writeFile(join(root, PAUSE_FILE), "");
    try {
      const submitted = await call("POST", "/api/library/scans", { root });
      expect(submitted.status).toBe(202);
      const jobId = submitted.body.id as string;
      await server.until(() => existsSync(join(root, PAUSED_FILE)));
      const running = (await call("GET", `/api/jobs/${jobId}`)).body;
      expect(running).toMatchObject({ kind: "library-scan", status: "running" });
      // A second scan of the same folder waits for this one.
      expect((await call("POST", "/api/library/scans", { root: join(root, "Daft Punk") })).status).toBe(409);
      const cancelled = await call("POST", `/api/jobs/${jobId}/cancel`);
      expect(cancelled.body).toMatchObject({ status: "cancelled", result: null });
      await writeFile(join(root, RELEASE_FILE), "");
      await new Promise((resolve) => setTimeout(resolve, THREAD_STOPPED_AFTER_MS));
      expect(existsSync(join(root, PAUSED_FILE))).toBe(true);
      expect((await call("GET", "/api/library/albums")).body.total).toBe(0);
    } finally {
      await Promise.all([PAUSE_FILE, PAUSED_FILE, RELEASE_FILE].map((name) => rm(join(root, name), { force: true })));
    }
  });

  it("scans the library as a job that completes with its summary", async () => {
    const submitted = await call("POST", "/api/library/scans", { root });
    expect(submitted.status).toBe(202);
    expect(submitted.body).toMatchObject({ kind: "library-scan", status: "queued", analysisId: null });
    const stream = await fetch(`${server.base}/api/jobs/${submitted.body.id}/events`, {
      headers: withKey ? { "x-api-key": API_KEY } : {},
    });
    expect(stream.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const events = await readEvents(stream);
    const data = events.map((event) => JSON.parse(event.data) as { stage: string | null; progress: number });
    const stages = data.flatMap(({ stage }, index) =>
      stage === null || stage === data[index - 1]?.stage ? [] : [stage],
    );
    const progress = data.map((event) => event.progress);
    expect(events.at(-1)!.event).toBe("done");
    const job = await finished(submitted.body.id);
    expect(job).toMatchObject({ status: "completed", progress: 1 });
    // Whatever the stream caught of the run comes in the scan's order, never moving back.
    const order = ["queued", "start", "walking", "reading", "saving", "done"];
    expect(stages.map((stage) => order.indexOf(stage))).toEqual(
      [...stages.map((stage) => order.indexOf(stage))].sort((a, b) => a - b),
    );
    expect(
      stages.every((stage) => order.includes(stage)),
      stages.join(" "),
    ).toBe(true);
    expect(stages).toEqual(expect.arrayContaining(["reading", "saving"]));
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    // Every file new: the cancelled scan saved nothing.
    expect(job.result).toMatchObject({
      root: realpathSync(root),
      files: 5,
      added: 5,
      unchanged: 0,
      albums: 4,
      problems: [],
    });
    const listed = (await call("GET", "/api/jobs?kind=library-scan")).body;
    expect(listed.items.map((item: { status: string }) => item.status).sort()).toEqual(["cancelled", "completed"]);
  });

  it("lists the scanned albums with track counts and genres", async () => {
    const { status, body } = await call("GET", "/api/library/albums");
    expect(status).toBe(200);
    expect(body.total).toBe(4);
    const abbey = body.items.find((album: { title: string }) => album.title === "Abbey Road");
    expect(abbey).toMatchObject({ artist: "The Beatles", trackCount: 2, genres: ["rock"], decidedGenres: null });
    const page = (await call("GET", "/api/library/albums?limit=1&offset=1")).body;
    expect(page).toMatchObject({ total: 4, limit: 1, offset: 1 });
    expect(page.items[0].id).toBe(body.items[1].id);
    expect(
      (await call("GET", `/api/library/albums?root=${encodeURIComponent(join(root, "Daft Punk"))}`)).body.total,
    ).toBe(1);
  });

  it("looks the albums up in a batch job and queues the uncertain ones for review", async () => {
    const submitted = await call("POST", "/api/library/batches", {});
    expect(submitted.status).toBe(202);
    const job = await finished(submitted.body.id);
    expect(job).toMatchObject({ kind: "library-batch", status: "completed", progress: 1 });
    expect(job.result).toMatchObject({ albums: 4, auto: 1 });
    expect(job.result.review + job.result.manual).toBe(3);
    const all = (await call("GET", "/api/library/suggestions")).body;
    expect(all.total).toBe(4);
    const abbey = all.items.find((item: { albumTitle: string }) => item.albumTitle === "Abbey Road");
    expect(abbey).toMatchObject({ status: "approved" });
    expect(abbey.decidedGenres[0]).toBe("Rock");
    const pending = (await call("GET", "/api/library/suggestions?status=review,manual")).body;
    expect(pending.items.map((item: { albumTitle: string }) => item.albumTitle).sort()).toEqual([
      "Demos",
      "Discovery",
      "Thing",
    ]);
    expect((await call("GET", "/api/library/suggestions?status=pending")).status).toBe(400);
    expect((await call("POST", "/api/library/batches", { specificAlbum: "Nobody,Nothing" })).status).toBe(404);
    expect((await call("POST", "/api/library/batches", { confidence: 101 })).status).toBe(422);
  });

  it("approves, edits, rejects and skips through the API, every decision recorded", async () => {
    const pending = (await call("GET", "/api/library/suggestions?status=review,manual")).body.items as {
      id: string;
      albumTitle: string;
      status: string;
      proposal: string[];
    }[];
    const byTitle = new Map(pending.map((item) => [item.albumTitle, item]));
    const discovery = byTitle.get("Discovery")!;
    expect(discovery.proposal.length).toBeGreaterThan(0);

    const approved = await call("POST", `/api/library/suggestions/${discovery.id}/approve`, { note: "sounds right" });
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ status: "approved", decidedGenres: discovery.proposal });
    expect(approved.body.decisions).toMatchObject([{ action: "approve", actor, note: "sounds right" }]);

    const demos = byTitle.get("Demos")!;
    expect((await call("POST", `/api/library/suggestions/${demos.id}/edit`, {})).status).toBe(422);
    expect((await call("POST", `/api/library/suggestions/${demos.id}/approve`, { genres: ["Jazz"] })).status).toBe(422);
    expect((await call("POST", `/api/library/suggestions/${demos.id}/skip`)).body.status).toBe(demos.status);
    const edited = await call("POST", `/api/library/suggestions/${demos.id}/edit`, {
      genres: ["Hip Hop", " Trip Hop "],
    });
    expect(edited.body).toMatchObject({ status: "edited", decidedGenres: ["Hip Hop", "Trip Hop"] });

    const thing = byTitle.get("Thing")!;
    expect((await call("POST", `/api/library/suggestions/${thing.id}/reject`)).body).toMatchObject({
      status: "rejected",
      decidedGenres: null,
    });

    const detail = (await call("GET", `/api/library/suggestions/${demos.id}`)).body;
    expect(detail.decisions.map((decision: { action: string }) => decision.action)).toEqual(["skip", "edit"]);
    expect(detail.decisions.every((decision: { actor: string }) => decision.actor === actor)).toBe(true);
    expect(detail.evidence.map((evidence: { source: string }) => evidence.source)).toContain("musicbrainz");
    expect((await call("GET", "/api/library/suggestions?status=review,manual")).body.total).toBe(0);
    const albums = (await call("GET", "/api/library/albums")).body.items;
    expect(albums.find((album: { title: string }) => album.title === "Demos").decidedGenres).toEqual([
      "Hip Hop",
      "Trip Hop",
    ]);
  });

  it("refuses a decision on a superseded suggestion (409) and unknown ids (404, 400)", async () => {
    const before = (await call("GET", "/api/library/suggestions?status=edited")).body.items[0];
    const again = await call("POST", "/api/library/batches", { specificAlbum: "Unknown Band,Demos" });
    expect((await finished(again.body.id)).result).toMatchObject({ albums: 1 });
    // The newer suggestion for Demos is pending; a decided one is kept, not superseded.
    const pending = (await call("GET", "/api/library/suggestions?status=review,manual")).body.items;
    expect(pending).toHaveLength(1);
    expect(pending[0].id).not.toBe(before.id);
    const newer = await call("POST", "/api/library/batches", { specificAlbum: "Unknown Band,Demos" });
    await finished(newer.body.id);
    const conflict = await call("POST", `/api/library/suggestions/${pending[0].id}/approve`);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe("CONFLICT");
    expect((await call("GET", "/api/library/suggestions?status=superseded")).body.total).toBe(1);
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect((await call("GET", `/api/library/suggestions/${unknown}`)).status).toBe(404);
    expect((await call("POST", `/api/library/suggestions/${unknown}/reject`)).status).toBe(404);
    expect((await call("POST", "/api/library/suggestions/not-an-id/reject")).status).toBe(400);
  });
});
