import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { TonearmError } from "../../analysis/errors.js";
import { sine } from "../../core/test-helpers/signals.js";
import {
  encodeSpectrogramImage,
  imageFormatFor,
  WEBP_FAST_PIXELS,
  webpEffort,
  writeSpectrogramImage,
} from "./encode-spectrogram-image.js";
import { renderSpectrogram } from "./render-spectrogram.js";

const SR = 22_050;
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe("writeSpectrogramImage", () => {
  it("writes a PNG of the requested size with a tone's row bright at its height", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tonearm-spec-"));
    dirs.push(dir);
    const path = join(dir, "tone.png");
    // 440 Hz on a 110…1760 Hz CQT (4 octaves): exactly half-way up.
    const matrix = await writeSpectrogramImage(sine(440, SR, SR * 2), SR, path, {
      kind: "cqt",
      minHz: 110,
      maxHz: 1760,
      binsPerOctave: 24,
      width: 300,
      height: 97,
      colormap: "grayscale",
    });
    expect(matrix.bins).toBe(97);
    const bytes = await readFile(path);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([300, 97]);
    const column = Array.from({ length: 97 }, (_, y) => data[(y * 300 + 150) * info.channels]!);
    const brightest = column.indexOf(Math.max(...column));
    expect(brightest).toBe(48); // bin 48 of 0…96, one pixel per bin
    expect(column[48]).toBe(255);
    expect(column[10]).toBeLessThan(40);
  });

  it("encodes WebP (RIFF…WEBP) and grows the canvas by the axis margins", async () => {
    const matrix = {
      kind: "linear" as const,
      frames: 10,
      bins: 5,
      data: new Float32Array(50),
      times: Float64Array.from({ length: 10 }, (_, t) => t),
      frequencies: Float64Array.from([0, 1000, 2000, 3000, 4000]),
      hopSeconds: 1,
      floorDb: -80,
      ceilingDb: 0,
    };
    const image = renderSpectrogram(matrix, { width: 120, height: 40 });
    const webp = await encodeSpectrogramImage(image, matrix, { format: "webp" });
    expect(webp.subarray(0, 4).toString("latin1")).toBe("RIFF");
    expect(webp.subarray(8, 12).toString("latin1")).toBe("WEBP");
    expect((await sharp(webp).metadata()).width).toBe(120);
    const framed = await encodeSpectrogramImage(image, matrix, { format: "png", axes: true });
    const meta = await sharp(framed).metadata();
    expect([meta.width, meta.height]).toEqual([120 + 64, 40 + 24]);
  });

  it("names the format from the extension", () => {
    expect(imageFormatFor("a/b.WEBP")).toBe("webp");
    expect(() => imageFormatFor("x.jpg")).toThrow(TonearmError);
  });
});

describe("webpEffort", () => {
  it("keeps effort 2 for ordinary images and takes 1 for large ones", () => {
    expect(webpEffort(256 * 256)).toBe(2);
    expect(webpEffort(WEBP_FAST_PIXELS - 1)).toBe(2);
    expect(webpEffort(4000 * 600)).toBe(1);
  });
});
