/**
 * The music library end to end, through the CLI in process: a real library encoded by ffmpeg
 * (MP3, FLAC, Opus, M4A) with tags, scanned into SQLite; genres looked up from local servers
 * answering as MusicBrainz, Last.fm, Discogs, Deezer and Spotify do; a suggestion approved in
 * review; the dry run changing nothing; the write changing exactly the genres (checked by
 * music-metadata) and never the audio (the PCM ffmpeg decodes is byte-identical); undo putting
 * every genre back.
 */
import { createHash } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseFile } from "music-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledFfmpegPath, createFixtureDir, type FixtureDir } from "../io/test-helpers/fixtures.js";
import { type FakeGenreServices, startFakeGenreServices } from "../library/sources/test-helpers/fake-genre-services.js";
import { decodedPcm } from "../library/tags/test-helpers/tag-checks.js";
import { buildTestLibrary, type TestTrack } from "../library/test-helpers/test-library.js";
import { runMain } from "./test-helpers/run-main.js";

const run = (args: readonly string[]) => runMain(["library", ...args]);

const TRACKS: TestTrack[] = [
  {
    path: "The Beatles/Abbey Road/01 Come Together.mp3",
    tags: {
      artist: "The Beatles",
      album_artist: "The Beatles",
      album: "Abbey Road",
      title: "Come Together",
      date: "1969",
      track: "1/17",
      genre: "rock",
    },
    frequency: 300,
  },
  {
    path: "The Beatles/Abbey Road/02 Something.mp3",
    tags: {
      artist: "The Beatles",
      album_artist: "The Beatles",
      album: "Abbey Road",
      title: "Something",
      date: "1969",
      track: "2/17",
      genre: "rock",
    },
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

describe("tonearm library: scan, batch, review, apply, undo", () => {
  let fixtures: FixtureDir;
  let root: string;
  let files: string[];
  let ffmpeg: string;
  let services: FakeGenreServices;
  const saved = { ...process.env };
  const pcm = new Map<string, string>();
  const original = new Map<string, string[]>();

  const genresOf = async (path: string) => (await parseFile(path)).common.genre ?? [];

  beforeAll(async () => {
    fixtures = await createFixtureDir("library-flow");
    root = join(fixtures.dir, "Music");
    files = await buildTestLibrary(root, TRACKS);
    ffmpeg = await bundledFfmpegPath();
    for (const file of files) {
      pcm.set(file, (await decodedPcm(ffmpeg, file)).hash);
      original.set(file, await genresOf(file));
    }
    services = await startFakeGenreServices();
    const config = { library: services.libraryConfig };
    await writeFile(join(fixtures.dir, "config.json"), JSON.stringify(config));
    process.env.TONEARM_HOME = join(fixtures.dir, "home");
    process.env.TONEARM_CONFIG = join(fixtures.dir, "config.json");
    for (const name of Object.keys(process.env)) {
      if (/^TONEARM_(DATABASE_URL|LASTFM|DISCOGS|SPOTIFY|MUSICBRAINZ|LIBRARY_SOURCES|GENRE_RULES)/.test(name))
        delete process.env[name];
    }
  }, 60_000);

  afterAll(async () => {
    process.env = saved;
    await services?.close();
    await fixtures?.remove();
  });

  it("scans the library and reports its genre state", async () => {
    expect((await run(["scan", root, "--no-progress"])).status).toBe(0);
    const analysis = await run(["analyze", root, "--json"]);
    expect(JSON.parse(analysis.stdout)).toMatchObject({
      albumCount: 4,
      trackCount: 5,
      albumsWithoutGenre: 1,
      tracksNormalisationWouldChange: 4,
    });
  });

  it("looks every album up, approves the confident one and queues the others", async () => {
    const batch = await run(["batch", "--json", "--no-progress"]);
    expect(batch.status).toBe(0);
    const results = JSON.parse(batch.stdout) as {
      album: { title: string };
      suggestion: {
        genres: string[];
        route: string;
        confidence: number;
        evidence: { source: string; status: string }[];
      };
    }[];
    const byTitle = Object.fromEntries(results.map((result) => [result.album.title, result.suggestion]));
    expect(byTitle["Abbey Road"]).toMatchObject({ route: "auto" });
    expect(byTitle["Abbey Road"]!.genres[0]).toBe("Rock");
    expect(
      byTitle["Abbey Road"]!.evidence.filter((source) => source.status === "found")
        .map((source) => source.source)
        .sort(),
    ).toEqual(["discogs", "lastfm", "musicbrainz", "spotify"]);
    expect(byTitle.Discovery!.route).not.toBe("auto");
    expect(byTitle.Demos!.route).toBe("manual");
    const musicbrainz = services.servers[0]!;
    expect(
      musicbrainz.requests.every((request) => /^tonearm\/\S+ \( .+ \)$/.test(String(request.headers["user-agent"]))),
    ).toBe(true);
    // A second batch leaves the decided album alone and asks nothing the cache holds.
    const before = services.servers.reduce((sum, server) => sum + server.requests.length, 0);
    const again = await run(["batch", "--json", "--no-progress"]);
    expect(
      (JSON.parse(again.stdout) as { album: { title: string } }[]).map((result) => result.album.title).sort(),
    ).toEqual(["Demos", "Discovery", "Thing"]);
    expect(services.servers.reduce((sum, server) => sum + server.requests.length, 0)).toBe(before);
  });

  it("lets the sound vote with --audio, measuring each track once", async () => {
    const first = await run(["batch", "--audio", "--all", "--dry-run", "--json", "--no-progress"]);
    expect(first.status).toBe(0);
    const results = JSON.parse(first.stdout) as {
      album: { title: string };
      suggestion: { evidence: { source: string }[] };
    }[];
    expect(results).toHaveLength(4);
    expect(first.stderr).toContain("measured the sound of 5 track(s)");
    for (const result of results) expect(result.suggestion.evidence.map((entry) => entry.source)).toContain("audio");
    const measured = await run(["batch", "--audio", "--all", "--dry-run", "--json", "--no-progress"]);
    expect(measured.stderr).toContain("measured the sound of 0 track(s)");
  });

  it("writes nothing on a dry run, then exactly the decided and normalised genres, never touching the audio", async () => {
    const pending = await run(["review", "--list", "--json"]);
    const discovery = (JSON.parse(pending.stdout).items as { id: string; albumTitle: string }[]).find(
      (item) => item.albumTitle === "Discovery",
    );
    expect(
      (await run(["review", "--edit", discovery!.id, "--genres", "House; Electronic", "--actor", "test"])).status,
    ).toBe(0);

    const snapshot = await Promise.all(files.map((file) => readFile(file)));
    const dry = await run(["apply", root]);
    expect(dry.stdout).toContain('genre: "hip-hop" → "Hip Hop"  (normalised)');
    expect(dry.stdout).toContain("Nothing was written");
    for (const [index, file] of files.entries()) expect((await readFile(file)).equals(snapshot[index]!)).toBe(true);

    const write = await run(["apply", root, "--write", "--no-progress"]);
    expect(write.status).toBe(0);
    const runId = /run ([0-9a-f-]{36})/.exec(write.stdout)?.[1];
    expect(runId).toBeDefined();
    const [come, something, oneMoreTime, take, thing] = files as [string, string, string, string, string];
    expect(await genresOf(come)).toEqual(await genresOf(something));
    expect((await genresOf(come))[0]).toMatch(/^Rock/);
    expect(await genresOf(oneMoreTime)).toEqual(["House; Electronic"]);
    expect(await genresOf(take)).toEqual(["Hip Hop"]);
    expect(await genresOf(thing)).toEqual([]);
    for (const file of files) expect((await decodedPcm(ffmpeg, file)).hash).toBe(pcm.get(file));

    // The catalogue followed the writes: a re-scan finds nothing changed, and nothing is left to apply.
    expect(JSON.parse((await run(["scan", root, "--json"])).stdout)).toMatchObject({ unchanged: 5, changed: 0 });
    expect((await run(["apply", root])).stdout).toContain("nothing to change");

    const undo = await run(["undo", runId!]);
    expect(undo.stdout).toContain("restored 4 files");
    for (const file of files) {
      expect(await genresOf(file)).toEqual(original.get(file));
      expect((await decodedPcm(ffmpeg, file)).hash).toBe(pcm.get(file));
    }
    expect((await run(["undo", "--list"])).stdout).toContain("undone");
    const hashes = await Promise.all(
      files.map(async (file) =>
        createHash("sha256")
          .update(await readFile(file))
          .digest("hex"),
      ),
    );
    expect(new Set(hashes).size).toBe(files.length);
  });
});
