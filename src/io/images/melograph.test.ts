import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { PitchTrack } from "../../core/pitch/pyin.js";
import { createSpectrogram } from "../../core/spectrogram/create-spectrogram.js";
import { CONTOUR_RGB, melographLayout, melographRow, renderMelograph } from "./melograph.js";
import { melographGuides } from "./melograph-guides.js";
import { encodeMelographImage, melographJson, melographOverlaySvg } from "./melograph-image.js";
import type { RgbaImage } from "./render-spectrogram.js";

const HOP = 0.01;

/** A track of `hzAt(t)` every 10 ms for `seconds`, unvoiced where hzAt returns NaN. */
function syntheticTrack(hzAt: (t: number) => number, seconds: number, probability = 0.9): PitchTrack {
  const frames = Math.round(seconds / HOP);
  const times = Float64Array.from({ length: frames }, (_, t) => t * HOP);
  const f0Hz = Float32Array.from(times, hzAt);
  const voiced = Uint8Array.from(f0Hz, (hz) => (hz > 0 ? 1 : 0));
  const voicedProbability = Float32Array.from(f0Hz, (hz) => (hz > 0 ? probability : 0.05));
  return { times, f0Hz, voiced, voicedProbability };
}

/** Rows of column x whose colour is the contour's (red high, blue low). */
function contourRows(image: RgbaImage, x: number): number[] {
  const rows: number[] = [];
  for (let y = 0; y < image.height; y++) {
    const i = 4 * (y * image.width + x);
    if (image.data[i]! > 200 && image.data[i + 2]! < 100) rows.push(y);
  }
  return rows;
}

describe("melograph", () => {
  it("draws a steady pitch on its row of the log axis, with gaps where unvoiced", () => {
    const track = syntheticTrack((t) => (t < 1 ? 200 : t < 1.5 ? Number.NaN : 400), 2);
    const { image, layout } = renderMelograph(track, { width: 200, height: 120, minHz: 100, maxHz: 800 });
    expect([image.width, image.height]).toEqual([200, 120]);
    // 200 Hz is one octave of three above 100 Hz: 1/3 of the height from the bottom.
    const row200 = melographRow(layout, 200);
    expect(row200).toBe(120 - 1 - 40);
    expect(contourRows(image, 50)).toContain(row200);
    expect(contourRows(image, 50).every((y) => Math.abs(y - row200) <= 1)).toBe(true);
    expect(contourRows(image, 125)).toEqual([]);
    const row400 = melographRow(layout, 400);
    expect(contourRows(image, 175).every((y) => Math.abs(y - row400) <= 1)).toBe(true);
    expect(contourRows(image, 175).length).toBeGreaterThan(0);
  });

  it("fades frames of low voicing probability", () => {
    const strong = renderMelograph(
      syntheticTrack(() => 300, 1, 1),
      { width: 50, height: 50, minHz: 100, maxHz: 800 },
    );
    const weak = renderMelograph(
      syntheticTrack(() => 300, 1, 0),
      { width: 50, height: 50, minHz: 100, maxHz: 800 },
    );
    const row = melographRow(strong.layout, 300);
    const red = (image: RgbaImage) =>
      Math.max(image.data[4 * (row * 50 + 25)]!, image.data[4 * ((row - 1) * 50 + 25)]!);
    expect(red(strong.image)).toBe(CONTOUR_RGB[0]);
    expect(red(weak.image)).toBeLessThan(120);
  });

  it("takes the axis from the contour's percentiles, widened by 300 cents", () => {
    const layout = melographLayout(syntheticTrack((t) => 200 * 2 ** t, 1));
    // 100 frames at t = 0 … 0.99 s: the 2nd and 98th percentiles are frames 1 and 98.
    expect(layout.minHz).toBeCloseTo(200 * 2 ** (0.01 - 0.25), 3);
    expect(layout.maxHz).toBeCloseTo(200 * 2 ** (0.98 + 0.25), 3);
  });

  it("aligns the contour with a constant-Q background of the same range", () => {
    const rate = 8000;
    const samples = Float32Array.from({ length: rate }, (_, n) => 0.5 * Math.sin((2 * Math.PI * 250 * n) / rate));
    const background = createSpectrogram("cqt", samples, rate, { minHz: 100, maxHz: 800, binsPerOctave: 36 });
    const tonicHz = 250 * 2 ** (2.5 / 12);
    const { image, layout } = renderMelograph(
      syntheticTrack(() => Number.NaN, 1),
      {
        width: 100,
        height: 108,
        background,
        tonicHz,
      },
    );
    // The brightest background row of the middle column (guide-line rows skipped) is the
    // contour's row for 250 Hz.
    const guideRows = melographGuides(layout.minHz, layout.maxHz, tonicHz).map((g) => melographRow(layout, g.hz));
    const level = (y: number) => [0, 1, 2].reduce((sum, c) => sum + image.data[4 * (y * 100 + 50) + c]!, 0);
    let brightest = -1;
    for (let y = 0; y < image.height; y++) {
      if (!guideRows.includes(y) && (brightest < 0 || level(y) > level(brightest))) brightest = y;
    }
    expect(Math.abs(brightest - melographRow(layout, 250))).toBeLessThanOrEqual(1);
    // Dimmed: off the guide lines, nothing brighter than 45 % of the colormap's top.
    const offGuides = image.data.filter((_, i) => i % 4 !== 3 && !guideRows.includes(Math.floor(i / 400)));
    expect(Math.max(...offGuides)).toBeLessThanOrEqual(Math.ceil(255 * 0.45));
    expect(Math.max(...offGuides)).toBeGreaterThan(100);
  });

  it("labels Sa, Pa and the octaves of a tonic, or note names without one", () => {
    expect(melographGuides(100, 600, 138).map((line) => line.label)).toEqual(["Pa,", "Sa", "Pa", "Sa'", "Pa'", "Sa''"]);
    expect(melographGuides(100, 600, 138).find((line) => line.label === "Pa")?.hz).toBeCloseTo(207, 6);
    const notes = melographGuides(250, 540, null).map((line) => line.label);
    expect(notes).toEqual(["C4", "D4", "E4", "F4", "G4", "A4", "B4", "C5"]);
    const layout = melographLayout(
      syntheticTrack(() => 200, 1),
      { width: 300, height: 200, minHz: 100, maxHz: 600 },
    );
    const svg = melographOverlaySvg(layout, 138, true);
    expect(svg).toContain(">Sa'<");
    expect(svg).toContain(">200 Hz<");
    expect(svg).toContain(">0:00<");
  });

  it("encodes PNG with axes margins and exports JSON with nulls for unvoiced frames", async () => {
    const track = syntheticTrack((t) => (t < 0.5 ? 220 : Number.NaN), 1);
    const { image, layout } = renderMelograph(track, { width: 120, height: 80, tonicHz: 220 });
    const png = await encodeMelographImage(image, layout, { format: "png", axes: true, tonicHz: 220 });
    const info = await sharp(png).metadata();
    expect([info.width, info.height]).toEqual([120 + 64, 80 + 24]);
    const json = melographJson(track, 110);
    expect(json.f0Hz[10]).toBeCloseTo(220, 3);
    expect(json.cents[10]).toBe(1200);
    expect(json.f0Hz[80]).toBeNull();
    expect(json.cents[80]).toBeNull();
    expect(json.tonicHz).toBe(110);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(melographJson(track, null).cents.every((c) => c === null)).toBe(true);
  });
});
