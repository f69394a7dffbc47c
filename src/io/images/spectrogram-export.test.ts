import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import type { SpectrogramMatrix } from "../../core/spectrogram/spectrogram-matrix.js";
import { writeSpectrogramData, writeSpectrogramTiles } from "./spectrogram-export.js";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

/** 1300 frames × 4 bins; frame t is loud (0 dB) in bin t mod 4, else at the floor. */
function staircase(): SpectrogramMatrix {
  const frames = 1300;
  const data = new Float32Array(frames * 4).fill(-60);
  for (let t = 0; t < frames; t++) data[t * 4 + (t % 4)] = 0;
  return {
    kind: "linear",
    frames,
    bins: 4,
    data,
    times: Float64Array.from({ length: frames }, (_, t) => t * 0.1),
    frequencies: Float64Array.from([0, 100, 200, 300]),
    hopSeconds: 0.1,
    floorDb: -60,
    ceilingDb: 0,
  };
}

describe("spectrogram export", () => {
  it("writes the quantised bytes frame-major with a JSON sidecar", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tonearm-export-"));
    dirs.push(dir);
    await writeSpectrogramData(staircase(), join(dir, "spec"));
    const bytes = await readFile(join(dir, "spec.u8"));
    expect(bytes.length).toBe(1300 * 4);
    expect([...bytes.subarray(0, 8)]).toEqual([255, 0, 0, 0, 0, 255, 0, 0]);
    const axes = JSON.parse(await readFile(join(dir, "spec.json"), "utf8"));
    expect(axes.shape).toEqual([1300, 4]);
    expect(axes.hopSeconds).toBe(0.1);
  });

  it("tiles zoom levels until one tile holds everything", async () => {
    const dir = await mkdtemp(join(tmpdir(), "tonearm-tiles-"));
    dirs.push(dir);
    const index = await writeSpectrogramTiles(staircase(), dir, { tileWidth: 256, tileHeight: 8, format: "png" });
    // 1300 frames: zoom 0 → 6 tiles of 256 frames, 1 → 3, 2 → 2, 3 → 1 (2048 frames per tile).
    expect(index.levels.map((l) => l.tiles)).toEqual([6, 3, 2, 1]);
    expect(index.levels[1]!.secondsPerTile).toBeCloseTo(51.2, 9);
    const full = await sharp(join(dir, "0", "0.png")).metadata();
    expect([full.width, full.height]).toEqual([256, 8]);
    // The last zoom-0 tile holds 1300 − 5·256 = 20 frames: 20 pixels wide.
    expect((await sharp(join(dir, "0", "5.png")).metadata()).width).toBe(20);
    const json = JSON.parse(await readFile(join(dir, "tiles.json"), "utf8"));
    expect(json.levels).toHaveLength(4);
  });
});
