/**
 * Melograph files: the image (PNG or WebP via sharp) with its guide-line labels drawn as
 * an SVG overlay inside the plot (right edge) and, optionally, frequency (Hz) and time
 * (m:ss) axes in margins as for spectrograms (spectrogram-axes.ts: same margins; ticks at
 * 1, 2, 3, 5, 7 × 10^n Hz, since melographs span few octaves, and 1, 2, 5, 10, 15, 30 s …); and the JSON export
 * { times, f0Hz, cents, voicedProbability, tonicHz } with NaN written as null (JSON has
 * no NaN), cents relative to the tonic (all null without one).
 * Reference: sharp 0.34 API (raw input, composite, png/webp output); RFC 8259 (JSON).
 */
import { writeFile } from "node:fs/promises";
import sharp from "sharp";
import { hzToCents } from "../../core/pitch/hz-to-cents.js";
import type { PitchTrack } from "../../core/pitch/pyin.js";
import { createSpectrogram } from "../../core/spectrogram/create-spectrogram.js";
import type { SpectrogramMatrix } from "../../core/spectrogram/spectrogram-matrix.js";
import { type ImageFormat, imageFormatFor } from "./encode-spectrogram-image.js";
import {
  type MelographLayout,
  type MelographOptions,
  melographLayout,
  melographRow,
  renderMelograph,
} from "./melograph.js";
import { melographGuides } from "./melograph-guides.js";
import type { RgbaImage } from "./render-spectrogram.js";
import { AXIS_MARGINS, formatClock } from "./spectrogram-axes.js";

/**
 * The dimmed constant-Q spectrogram a melograph can be drawn over: 36 bins per octave on the
 * melograph's own frequency axis (the contour's range, or minHz/maxHz), about one frame per
 * pixel column (finer frames would only be pooled away).
 */
export function melographBackground(
  track: PitchTrack,
  samples: Float32Array,
  sampleRate: number,
  options: { readonly width: number; readonly height: number; readonly minHz?: number; readonly maxHz?: number },
): SpectrogramMatrix {
  const durationSeconds = samples.length / sampleRate;
  const axis = melographLayout(track, { ...options, durationSeconds });
  return createSpectrogram("cqt", samples, sampleRate, {
    minHz: axis.minHz,
    maxHz: axis.maxHz,
    binsPerOctave: 36,
    hopSize: Math.max(64, Math.floor(samples.length / options.width)),
  });
}

export interface MelographJson {
  readonly times: number[];
  readonly f0Hz: (number | null)[];
  readonly cents: (number | null)[];
  readonly voicedProbability: number[];
  readonly tonicHz: number | null;
}

/** The JSON export: unvoiced frames have f0Hz and cents null. */
export function melographJson(track: PitchTrack, tonicHz: number | null): MelographJson {
  const f0 = Float32Array.from(track.f0Hz, (hz, t) => (track.voiced[t] === 1 ? hz : Number.NaN));
  const cents = tonicHz !== null ? hzToCents(f0, tonicHz) : null;
  const orNull = (value: number) => (Number.isFinite(value) ? round(value, 3) : null);
  return {
    times: Array.from(track.times, (t) => round(t, 6)),
    f0Hz: Array.from(f0, orNull),
    cents:
      cents === null ? Array.from(f0, () => null) : Array.from(cents, (c) => (Number.isFinite(c) ? round(c, 1) : null)),
    voicedProbability: Array.from(track.voicedProbability, (p) => round(p, 4)),
    tonicHz,
  };
}

/** SVG over the whole canvas: guide labels in the plot, and the axes when `axes`. */
export function melographOverlaySvg(layout: MelographLayout, tonicHz: number | null, axes: boolean): string {
  const left = axes ? AXIS_MARGINS.left : 0;
  const bottom = axes ? AXIS_MARGINS.bottom : 0;
  const { width, height } = layout;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width}" height="${height + bottom}">`,
    `<g font-family="sans-serif" font-size="11">`,
  ];
  const guides = melographGuides(layout.minHz, layout.maxHz, tonicHz);
  let lastY = Number.POSITIVE_INFINITY;
  for (const guide of guides) {
    const y = melographRow(layout, guide.hz);
    // Labels need 11 px; crowded weak lines (note names over many octaves) go unlabelled.
    if (lastY - y < 11 && !guide.strong) continue;
    lastY = y;
    const fill = guide.strong ? "#eeeeee" : "#9cc0ff";
    parts.push(
      `<text x="${left + width - 4}" y="${y - 2}" text-anchor="end" fill="${fill}" stroke="#101014" ` +
        `stroke-width="3" paint-order="stroke">${guide.label}</text>`,
    );
  }
  if (axes) {
    parts.push(`<g fill="#ddd" stroke="#ddd">`);
    for (let decade = 10 ** Math.floor(Math.log10(layout.minHz)); decade <= layout.maxHz; decade *= 10) {
      for (const m of [1, 2, 3, 5, 7]) {
        const hz = m * decade;
        const y = melographRow(layout, hz);
        if (y < 0) continue;
        const label = hz >= 1000 ? `${hz / 1000} kHz` : `${hz} Hz`;
        parts.push(`<line x1="${left - 5}" y1="${y + 0.5}" x2="${left}" y2="${y + 0.5}"/>`);
        parts.push(`<text x="${left - 7}" y="${y + 0.5}" dy="4" text-anchor="end" stroke="none">${label}</text>`);
      }
    }
    const span = layout.durationSeconds;
    const step = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600].find((s) => span / s <= 12) ?? 7200;
    for (let t = 0; t <= span; t += step) {
      const x = left + (t / span) * width;
      const anchor = x > left + width - 24 ? "end" : "middle";
      parts.push(`<line x1="${x.toFixed(1)}" y1="${height}" x2="${x.toFixed(1)}" y2="${height + 5}"/>`);
      parts.push(
        `<text x="${x.toFixed(1)}" y="${height + 17}" text-anchor="${anchor}" stroke="none">${formatClock(t)}</text>`,
      );
    }
    parts.push("</g>");
  }
  parts.push("</g></svg>");
  return parts.join("");
}

export async function encodeMelographImage(
  image: RgbaImage,
  layout: MelographLayout,
  options: { format: ImageFormat; axes: boolean; tonicHz: number | null; quality?: number },
): Promise<Buffer> {
  const left = options.axes ? AXIS_MARGINS.left : 0;
  const bottom = options.axes ? AXIS_MARGINS.bottom : 0;
  const plot = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .png()
    .toBuffer();
  const canvas = sharp({
    create: {
      width: image.width + left,
      height: image.height + bottom,
      channels: 4,
      background: { r: 24, g: 24, b: 24, alpha: 1 },
    },
  }).composite([
    { input: plot, left, top: 0 },
    { input: Buffer.from(melographOverlaySvg(layout, options.tonicHz, options.axes)), left: 0, top: 0 },
  ]);
  const flat = sharp(await canvas.png().toBuffer());
  return options.format === "png"
    ? flat.png({ compressionLevel: 6 }).toBuffer()
    : flat.webp({ quality: options.quality ?? 90, effort: 2 }).toBuffer();
}

/** Track → melograph image file (.png or .webp); returns the layout drawn. */
export async function writeMelographImage(
  track: PitchTrack,
  outPath: string,
  options: Partial<MelographOptions> & { readonly axes?: boolean } = {},
): Promise<MelographLayout> {
  const format = imageFormatFor(outPath);
  const { image, layout } = renderMelograph(track, options);
  const tonicHz = options.tonicHz ?? null;
  await writeFile(outPath, await encodeMelographImage(image, layout, { format, axes: Boolean(options.axes), tonicHz }));
  return layout;
}

function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
