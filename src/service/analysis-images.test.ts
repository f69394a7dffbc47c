/**
 * The render cache and pool on their own (no database, no server): requests normalised to
 * one product, tags that follow the audio's identity, concurrent requests rendered once,
 * the worker's typed errors kept, a timeout, removal, and a closed renderer.
 */
import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TonearmError } from "../analysis/errors.js";
import { encodeWav } from "../io/wav-writer.js";
import { type AnalysisAudio, AnalysisImageRenderer } from "./analysis-images.js";
import { type AnalysisImageRequest, normaliseProduct, productFile } from "./analysis-images-request.js";

const ID = "6f1c1d52-8a4e-4a51-9d3c-2b1a0e9f7c11";
const OTHER = "0d3f4f9e-11aa-4b7b-8c2d-5e6f7a8b9c0d";
const DECODING = { decoder: "auto", ffmpegPath: null, maxDurationSeconds: 600 } as const;

function sineWav(hz: number, seconds: number, sampleRate = 22_050): Uint8Array {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < samples.length; i++) samples[i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return encodeWav({ channels: [samples], sampleRate });
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return error instanceof TonearmError ? error.code : `not a TonearmError: ${String(error)}`;
  }
  return "resolved";
}

describe("normaliseProduct", () => {
  it("fills in the CLI's defaults, so equivalent requests are one product", () => {
    const spelled = normaliseProduct({ kind: "spectrogram", type: "cqt", width: 2000, colormap: "magma" });
    expect(spelled).toEqual(normaliseProduct({ kind: "spectrogram" }));
    expect(spelled).toMatchObject({ width: 2000, height: 600, rangeDb: 80, minHz: null, axes: false, format: "webp" });
    expect(normaliseProduct({ kind: "spectrogram", colormap: ["000000", "#FF8800"] })).toMatchObject({
      colormap: ["#000000", "#ff8800"],
    });
    expect(normaliseProduct({ kind: "pitch" })).toEqual({
      kind: "pitch",
      fmin: null,
      fmax: null,
      tonicHz: null,
      estimateTonic: false,
    });
  });

  it("refuses out-of-range parameters with INVALID_OPTION, naming them", () => {
    const bad: AnalysisImageRequest[] = [
      { kind: "spectrogram", width: 7 },
      { kind: "spectrogram", height: 16_385 },
      { kind: "spectrogram", minHz: 3000, maxHz: 2000 },
      // A name outside the list, as an untyped caller could send it.
      { kind: "spectrogram", colormap: "rainbow" as "magma" },
      { kind: "spectrogram-data", frames: 1.5 },
      { kind: "melograph", fmin: 10 },
      { kind: "pitch", tonicHz: 200, estimateTonic: true },
    ];
    for (const request of bad) {
      expect(() => normaliseProduct(request)).toThrow(TonearmError);
    }
    expect(() => normaliseProduct({ kind: "spectrogram", width: 7 })).toThrow(/width must be an integer from 8/);
  });

  it("serves only the files a product holds, never a path outside it", () => {
    const tiles = normaliseProduct({ kind: "spectrogram-tiles" });
    expect(productFile(tiles, undefined)).toBe("tiles.json");
    expect(productFile(tiles, "3/12.webp")).toBe("3/12.webp");
    for (const name of ["../x", "3/../../x.webp", "/etc/passwd", "tiles.json/.."]) {
      expect(() => productFile(tiles, name)).toThrow(/has no file/);
    }
  });
});

describe("AnalysisImageRenderer", () => {
  let scratch: string;
  let audioPath: string;
  const analyses = new Map<string, AnalysisAudio>();
  let renderer: AnalysisImageRenderer;

  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), "tonearm-analysis-images-"));
    audioPath = join(scratch, "tone.wav");
    await writeFile(audioPath, sineWav(220, 1.5));
    analyses.set(ID, { audioPath, audioRemovedAt: null });
    analyses.set(OTHER, { audioPath, audioRemovedAt: null });
    renderer = new AnalysisImageRenderer({
      root: join(scratch, "renders"),
      lookup: async (id) => analyses.get(id),
      decoding: DECODING,
      threads: 1,
    });
  });
  afterAll(async () => {
    await renderer?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it("tags a product by the analysis and its audio's identity", async () => {
    const request = { kind: "spectrogram", width: 64, height: 32 } as const;
    const tag = await renderer.tag(ID, request);
    expect(tag).toEqual({ contentType: "image/webp", etag: expect.stringMatching(/^"[0-9a-f]{32}\.image\.webp"$/) });
    expect(await renderer.tag(ID, { ...request, type: "cqt", format: "webp" })).toEqual(tag);
    expect((await renderer.tag(OTHER, request)).etag).not.toBe(tag.etag);
    // The same path with other contents (a file under an allowed root rewritten) is another image.
    const later = new Date(Date.now() + 60_000);
    await utimes(audioPath, later, later);
    expect((await renderer.tag(ID, request)).etag).not.toBe(tag.etag);
    expect(renderer.renders).toBe(0);
  });

  it("renders concurrent requests for one product once, and serves it from the cache after", async () => {
    const request = { kind: "pitch", tonicHz: 110 } as const;
    const files = await Promise.all([1, 2, 3].map(() => renderer.render(ID, request)));
    expect(renderer.renders).toBe(1);
    expect(new Set(files.map((file) => file.path)).size).toBe(1);
    expect(files[0]).toMatchObject({ contentType: "application/json; charset=utf-8" });
    expect(files[0]!.bytes).toBeGreaterThan(100);
    await renderer.render(ID, request);
    expect(renderer.renders).toBe(1);
    // Only the product's folder is left: no temporary folders.
    expect(await readdir(join(scratch, "renders", ID))).toHaveLength(1);
  });

  it("keeps the worker's error codes, stops renders past the timeout, and removes an analysis's renders", async () => {
    const broken = join(scratch, "broken.wav");
    await writeFile(broken, Buffer.concat([Buffer.from("RIFF\x24\x00\x00\x00WAVEjunk"), Buffer.alloc(64, 7)]));
    const brokenId = "a3b2c1d0-1111-4222-8333-944455566677";
    analyses.set(brokenId, { audioPath: broken, audioRemovedAt: null });
    const failed = await codeOf(renderer.render(brokenId, { kind: "pitch" }));
    expect(["CORRUPT_AUDIO", "TRUNCATED_AUDIO", "UNSUPPORTED_FORMAT", "NO_AUDIO_STREAM"]).toContain(failed);
    expect(await readdir(join(scratch, "renders", brokenId))).toEqual([]);

    const hasty = new AnalysisImageRenderer({
      root: join(scratch, "renders"),
      lookup: async (id) => analyses.get(id),
      decoding: DECODING,
      threads: 1,
      timeoutMs: 1,
    });
    expect(await codeOf(hasty.render(ID, { kind: "idtap" }))).toBe("TIMEOUT");
    await hasty.close();
    expect(await codeOf(hasty.render(ID, { kind: "melograph" }))).toBe("NOT_AVAILABLE");

    await renderer.remove(ID);
    await expect(readdir(join(scratch, "renders", ID))).rejects.toThrow();
    expect(await codeOf(renderer.render("9e9e9e9e-0000-4000-8000-000000000000", { kind: "pitch" }))).toBe("NOT_FOUND");
    analyses.set(OTHER, { audioPath, audioRemovedAt: "2026-01-01T00:00:00.000Z" });
    expect(await codeOf(renderer.tag(OTHER, { kind: "pitch" }))).toBe("GONE");
  });
});
