import { chmod, mkdir, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeAudio } from "./probe-audio.js";
import {
  bundledFfmpegPath,
  createFixtureDir,
  encodeFixtures,
  type FixtureDir,
  runFfmpeg,
  runningAsRoot,
} from "./test-helpers/fixtures.js";
import { seededBytes, stereoTones } from "./test-helpers/tones.js";
import { writeWav } from "./wav-writer.js";

let fixtures: FixtureDir;
let paths: Record<string, string>;
const tones = stereoTones(44100, 2.5);

beforeAll(async () => {
  fixtures = await createFixtureDir("probe");
  paths = await encodeFixtures(fixtures, tones, [
    "tones.mp3",
    "tones.flac",
    "tones.ogg",
    "tones.opus",
    "tones.m4a",
    "tones.aiff",
    "tones.aifc",
    "tones.caf",
    "tones.wma",
    "tones.aac",
    "tones.wv",
    "adpcm.wav",
  ]);
  paths["tones.wav"] = fixtures.file("tones.wav");
  await writeWav(paths["tones.wav"], tones, { format: "pcm24" });
});
afterAll(() => fixtures.remove());

describe("probeAudio: formats", () => {
  const expectations: [string, object, number][] = [
    [
      "tones.wav",
      { container: "wav", codec: "pcm_s24le", lossless: true, bitsPerSample: 24, sampleRate: 44100 },
      0.001,
    ],
    ["tones.mp3", { container: "mp3", codec: "mp3", lossless: false, sampleRate: 44100 }, 0.1],
    ["tones.flac", { container: "flac", codec: "flac", lossless: true, bitsPerSample: 16 }, 0.001],
    ["tones.ogg", { container: "ogg", codec: "vorbis", lossless: false }, 0.05],
    ["tones.opus", { container: "ogg", codec: "opus", lossless: false, sampleRate: 48000 }, 0.05],
    ["tones.m4a", { container: "mp4", codec: "aac", lossless: false }, 0.1],
    ["tones.aiff", { container: "aiff", codec: "pcm_s16be", lossless: true, bitsPerSample: 16 }, 0.001],
    ["tones.aifc", { container: "aifc", codec: "pcm_f32be", lossless: true }, 0.001],
    ["tones.caf", { container: "caf", codec: "pcm_s24le", lossless: true }, 0.05],
    ["tones.wma", { container: "asf", codec: "wmav2", lossless: false, sampleRate: 44100 }, 0.1],
    ["tones.aac", { container: "aac", codec: "aac", lossless: false, sampleRate: 44100 }, 0.3],
    ["tones.wv", { container: "wavpack", codec: "wavpack", lossless: true }, 0.001],
    ["adpcm.wav", { container: "wav", codec: "adpcm_ms", lossless: false }, 0.05],
  ];
  it.each(expectations)("%s", async (name, expected, durationTolerance) => {
    const info = await probeAudio(paths[name]!);
    expect(info).toMatchObject({ channels: 2, path: paths[name], ...expected });
    expect(info.durationSeconds).not.toBeNull();
    expect(Math.abs(info.durationSeconds! - 2.5)).toBeLessThanOrEqual(durationTolerance);
    expect(info.sizeBytes).toBeGreaterThan(0);
    if (!info.lossless) expect(info.bitRate).toBeGreaterThan(32000);
  });
});

describe("probeAudio: tags", () => {
  it("reads common tags from ID3 and Vorbis comments", async () => {
    const ffmpeg = await bundledFfmpegPath();
    const tags = ["title=Test Song", "artist=The Testers", "album=Fixtures", "album_artist=Various", "genre=Rock"];
    const metadata = [...tags, "date=2001", "track=3/9"].flatMap((tag) => ["-metadata", tag]);
    for (const name of ["tagged.mp3", "tagged.flac"]) {
      await runFfmpeg(ffmpeg, ["-i", paths["tones.flac"]!, ...metadata, fixtures.file(name)]);
      const info = await probeAudio(fixtures.file(name));
      expect(info.tags).toMatchObject({
        title: "Test Song",
        artist: "The Testers",
        album: "Fixtures",
        albumArtist: "Various",
        genre: ["Rock"],
        year: 2001,
        track: 3,
        trackTotal: 9,
      });
    }
  });

  it("returns no keys for absent tags", async () => {
    const info = await probeAudio(paths["tones.wav"]!);
    expect(Object.values(info.tags).every((value) => value !== undefined)).toBe(true);
    expect(info.tags.title).toBeUndefined();
  });
});

describe("probeAudio: files that are not usable audio", () => {
  it("missing file → FILE_NOT_FOUND, naming the file", async () => {
    const error = await probeAudio(fixtures.file("missing.mp3")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "FILE_NOT_FOUND", message: "missing.mp3: no such file" });
  });

  it("directory → FILE_NOT_READABLE", async () => {
    const dir = fixtures.file("folder.mp3");
    await mkdir(dir);
    await expect(probeAudio(dir)).rejects.toMatchObject({ code: "FILE_NOT_READABLE" });
  });

  it("zero bytes → EMPTY_FILE", async () => {
    await writeFile(fixtures.file("empty.flac"), "");
    await expect(probeAudio(fixtures.file("empty.flac"))).rejects.toMatchObject({ code: "EMPTY_FILE" });
  });

  it("text renamed .mp3 → UNSUPPORTED_FORMAT that says it looks like text", async () => {
    await writeFile(fixtures.file("song.mp3"), "Verse 1\nThese are just the lyrics\n");
    const error = await probeAudio(fixtures.file("song.mp3")).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      code: "UNSUPPORTED_FORMAT",
      message: "song.mp3: not an audio file (it looks like text)",
    });
  });

  it("an HTML page saved as .m4a says so", async () => {
    await writeFile(fixtures.file("download.m4a"), "<!doctype html><html><body>Access denied</body></html>");
    await expect(probeAudio(fixtures.file("download.m4a"))).rejects.toThrow(/looks like an HTML web page/);
  });

  it("random bytes (seeded) → UNSUPPORTED_FORMAT after ffmpeg had its try", async () => {
    await writeFile(fixtures.file("noise.mp3"), seededBytes(50_000, 99));
    await expect(probeAudio(fixtures.file("noise.mp3"))).rejects.toMatchObject({ code: "UNSUPPORTED_FORMAT" });
  });

  it.each(["noise.flac", "noise.ogg", "noise.m4a", "noise.wav", "noise.aiff"])(
    "random bytes named %s → UNSUPPORTED_FORMAT, whatever ffmpeg guesses from the extension",
    async (name) => {
      await writeFile(fixtures.file(name), seededBytes(40_000, 7));
      await expect(probeAudio(fixtures.file(name))).rejects.toMatchObject({ code: "UNSUPPORTED_FORMAT" });
    },
  );

  it("a FLAC signature followed by garbage → CORRUPT_AUDIO", async () => {
    const bytes = seededBytes(50_000, 5);
    bytes.set([0x66, 0x4c, 0x61, 0x43], 0);
    await writeFile(fixtures.file("broken.flac"), bytes);
    await expect(probeAudio(fixtures.file("broken.flac"))).rejects.toMatchObject({ code: "CORRUPT_AUDIO" });
  });

  it("a format only ffmpeg reads, with no ffmpeg → DECODER_MISSING", async () => {
    const gone = async () => ({
      path: fixtures.file("no-ffmpeg"),
      source: "system" as const,
      version: "?",
      hasSoxr: false,
    });
    await expect(probeAudio(paths["tones.caf"]!, { ffmpeg: gone })).rejects.toMatchObject({ code: "DECODER_MISSING" });
  });

  it("a video without audio → NO_AUDIO_STREAM", async () => {
    const video = fixtures.file("video.mkv");
    await runFfmpeg(await bundledFfmpegPath(), ["-f", "lavfi", "-i", "testsrc=d=1:s=64x48", "-c:v", "mpeg4", video]);
    await expect(probeAudio(video)).rejects.toMatchObject({ code: "NO_AUDIO_STREAM" });
  });

  it(`unreadable file (chmod 000) → FILE_NOT_READABLE${runningAsRoot() ? " (skipped: root reads anything)" : ""}`, async ({
    skip,
  }) => {
    if (runningAsRoot()) skip("running as root: chmod 000 does not stop root from reading");
    const path = fixtures.file("locked.wav");
    await writeWav(path, tones);
    await chmod(path, 0o000);
    await expect(probeAudio(path)).rejects.toMatchObject({ code: "FILE_NOT_READABLE" });
  });
});
