/**
 * `tonearm spectrogram` in process: a WebP/PNG at the asked size whose brightest row sits at
 * the tone's height, IDTAP's files with the documented shape, zoom tiles at full resolution
 * (one 512-sample frame per pixel at zoom 0), and clear usage errors.
 */
import { readFile } from "node:fs/promises";
import { gunzipSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDir, type FixtureDir } from "../io/test-helpers/fixtures.js";
import { sineChannels } from "../io/test-helpers/tones.js";
import { writeWav } from "../io/wav-writer.js";
import { runMain } from "./test-helpers/run-main.js";

describe("tonearm spectrogram", () => {
  let fixtures: FixtureDir;
  let wav: string;

  beforeAll(async () => {
    fixtures = await createFixtureDir("cli-spectrogram");
    wav = fixtures.file("tone.wav");
    await writeWav(wav, sineChannels([440, 440], 44_100, 8, 0.5));
  });

  afterAll(async () => {
    await fixtures?.remove();
  });

  it("draws the tone at its height, at the asked size, and writes IDTAP's data", async () => {
    const out = fixtures.file("tone.png");
    const run = await runMain([
      "spectrogram",
      wav,
      "-o",
      out,
      "--width",
      "300",
      "--height",
      "200",
      "--colormap",
      "grayscale",
      "--min-hz",
      "50",
      "--max-hz",
      "5000",
      "--idtap",
      fixtures.file("idtap"),
      "--tiles",
      fixtures.file("tiles"),
    ]);
    expect(run.status).toBe(0);
    const { data, info } = await sharp(await readFile(out))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([300, 200]);
    // The brightest row of the middle column: 440 Hz on the constant-Q axis, 50 Hz – 5 kHz, log.
    const column = 150;
    let brightest = 0;
    let value = -1;
    for (let row = 0; row < info.height; row++) {
      const level = data[(row * info.width + column) * info.channels] as number;
      if (level > value) [value, brightest] = [level, row];
    }
    const expectedRow = Math.round(info.height * (1 - Math.log2(440 / 50) / Math.log2(5000 / 50)));
    expect(Math.abs(brightest - expectedRow)).toBeLessThanOrEqual(3);
    const shape = JSON.parse(await readFile(fixtures.file("idtap/spec_shape.json"), "utf8")) as {
      shape: [number, number];
    };
    expect(shape.shape[0]).toBe(361);
    expect(gunzipSync(await readFile(fixtures.file("idtap/spec_data.gz"))).length).toBe(
      shape.shape[0] * shape.shape[1],
    );
    // 8 s at 22.05 kHz, hop 512: 345 frames; 512-pixel tiles: one tile at zoom 0.
    const tiles = JSON.parse(await readFile(fixtures.file("tiles/tiles.json"), "utf8")) as {
      levels: { zoom: number; tiles: number }[];
      axes: { shape: [number, number] };
    };
    expect(tiles.axes.shape[0]).toBe(1 + Math.floor((8 * 22_050) / 512));
    expect(tiles.levels).toEqual([expect.objectContaining({ zoom: 0, tiles: 1 })]);
    const tile = await sharp(await readFile(fixtures.file("tiles/0/0.webp"))).metadata();
    expect([tile.width, tile.height]).toEqual([Math.round((345 / 512) * 512), 256]);
  });

  it("refuses unknown types, colormaps and image formats with one line", async () => {
    await expect(
      runMain(["spectrogram", wav, "-o", fixtures.file("x.png"), "--type", "wavelet"]),
    ).resolves.toMatchObject({ status: 2 });
    await expect(
      runMain(["spectrogram", wav, "-o", fixtures.file("x.png"), "--colormap", "rainbow"]),
    ).resolves.toMatchObject({ status: 2 });
    await expect(runMain(["spectrogram", wav, "-o", fixtures.file("x.gif")])).resolves.toMatchObject({ status: 2 });
  });
});
