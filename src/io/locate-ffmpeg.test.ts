import { chmod, readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { clearFfmpegCache, decoderPreference, locateFfmpeg } from "./locate-ffmpeg.js";
import { createFixtureDir, type FixtureDir, systemFfmpegSkipReason } from "./test-helpers/fixtures.js";

const systemSkip = systemFfmpegSkipReason();
let fixtures: FixtureDir;
beforeAll(async () => {
  fixtures = await createFixtureDir("locate");
});
afterAll(() => fixtures.remove());
beforeEach(() => clearFfmpegCache());

describe("locateFfmpeg", () => {
  it("finds the bundled binary when forced to (always available)", async () => {
    const found = await locateFfmpeg({ preference: "bundled" });
    expect(found.source).toBe("bundled");
    expect(found.path).toMatch(/@ffmpeg-installer/);
    expect(found.version).toMatch(/\S/);
    expect(typeof found.hasSoxr).toBe("boolean");
  });

  it(`finds the system binary on PATH ${systemSkip ?? ""}`.trim(), async ({ skip }) => {
    if (systemSkip !== null) skip(systemSkip);
    const found = await locateFfmpeg({ preference: "system", env: { PATH: process.env.PATH } });
    expect(found.source).toBe("system");
    expect(found.path).not.toMatch(/@ffmpeg-installer/);
  });

  it("in auto mode falls back to the bundled binary when PATH has no ffmpeg", async () => {
    const found = await locateFfmpeg({ env: { PATH: fixtures.dir } });
    expect(found.source).toBe("bundled");
  });

  it("reads TONEARM_DECODER from the environment", async () => {
    const found = await locateFfmpeg({ env: { TONEARM_DECODER: "bundled", PATH: process.env.PATH } });
    expect(found.source).toBe("bundled");
  });

  it("uses TONEARM_FFMPEG first", async () => {
    const bundled = await locateFfmpeg({ preference: "bundled" });
    const found = await locateFfmpeg({ env: { TONEARM_FFMPEG: bundled.path, PATH: "" } });
    expect(found).toMatchObject({ source: "env", path: bundled.path, version: bundled.version });
  });

  it("names TONEARM_FFMPEG when it does not point at an executable", async () => {
    const notThere = fixtures.file("no-ffmpeg-here");
    const error = await locateFfmpeg({ env: { TONEARM_FFMPEG: notThere } }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "DECODER_MISSING" });
    expect((error as Error).message).toContain("TONEARM_FFMPEG");
    expect((error as Error).message).toContain(notThere);
  });

  it("rejects an executable that is not ffmpeg", async () => {
    const fake = fixtures.file("fake-ffmpeg");
    await writeFile(fake, "#!/bin/sh\necho hello\n");
    await chmod(fake, 0o755);
    await expect(locateFfmpeg({ env: { TONEARM_FFMPEG: fake } })).rejects.toMatchObject({ code: "DECODER_MISSING" });
  });

  it("says how to fix a missing system ffmpeg", async () => {
    const error = await locateFfmpeg({ preference: "system", env: { PATH: fixtures.dir } }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "DECODER_MISSING" });
    expect((error as Error).message).toMatch(/install|TONEARM_FFMPEG/);
  });

  it("accepts an explicit path, with source 'explicit'", async () => {
    const bundled = await locateFfmpeg({ preference: "bundled" });
    await expect(locateFfmpeg({ path: bundled.path })).resolves.toMatchObject({ source: "explicit" });
    await expect(locateFfmpeg({ path: fixtures.file("missing") })).rejects.toMatchObject({ code: "DECODER_MISSING" });
  });

  it("answers from its cache after the first call", async () => {
    const first = locateFfmpeg({ preference: "bundled" });
    const second = locateFfmpeg({ preference: "bundled" });
    expect(await second).toBe(await first);
  });
});

describe("the on-disk memory of -version answers", () => {
  /** A stand-in ffmpeg that counts its runs in `runs` and prints `version`. */
  async function fakeFfmpeg(name: string, version: string): Promise<{ path: string; runs: () => Promise<number> }> {
    const path = fixtures.file(name);
    const counter = fixtures.file(`${name}.runs`);
    await writeFile(counter, "");
    await writeFile(
      path,
      `#!/bin/sh\necho run >> '${counter}'\necho 'ffmpeg version ${version} Copyright'\necho 'configuration: --enable-libsoxr'\n`,
    );
    await chmod(path, 0o755);
    return { path, runs: async () => (await readFile(counter, "utf8")).split("\n").filter(Boolean).length };
  }

  it("answers later processes without running the binary, and asks again when it changes", async () => {
    const fake = await fakeFfmpeg("cached-ffmpeg", "9.9-first");
    const buildCache = fixtures.file("builds.json");
    const options = { env: { TONEARM_FFMPEG: fake.path }, buildCache };
    await expect(locateFfmpeg(options)).resolves.toMatchObject({ version: "9.9-first", hasSoxr: true });
    clearFfmpegCache(); // as a new process would start
    await expect(locateFfmpeg(options)).resolves.toMatchObject({ version: "9.9-first", hasSoxr: true });
    expect(await fake.runs()).toBe(1);
    // An upgrade in place: new contents, so a new identity.
    await writeFile(fake.path, (await readFile(fake.path, "utf8")).replace("9.9-first", "10.0-upgraded"));
    clearFfmpegCache();
    await expect(locateFfmpeg(options)).resolves.toMatchObject({ version: "10.0-upgraded" });
    expect(await fake.runs()).toBe(2);
  });

  it("ignores and rewrites a corrupt cache file, and can be turned off", async () => {
    const fake = await fakeFfmpeg("uncached-ffmpeg", "9.9-plain");
    const buildCache = fixtures.file("corrupt-builds.json");
    await writeFile(buildCache, "{ not json");
    await expect(locateFfmpeg({ env: { TONEARM_FFMPEG: fake.path }, buildCache })).resolves.toMatchObject({
      version: "9.9-plain",
    });
    expect(JSON.parse(await readFile(buildCache, "utf8"))[fake.path]).toMatchObject({ version: "9.9-plain" });
    clearFfmpegCache();
    await locateFfmpeg({ env: { TONEARM_FFMPEG: fake.path }, buildCache: null });
    expect(await fake.runs()).toBe(2);
  });
});

describe("decoderPreference", () => {
  it("defaults to auto and validates the setting", () => {
    expect(decoderPreference({})).toBe("auto");
    expect(decoderPreference({ TONEARM_DECODER: " System " })).toBe("system");
    expect(() => decoderPreference({ TONEARM_DECODER: "gstreamer" })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION" }),
    );
  });
});
