/**
 * Axis ticks and their SVG overlay for spectrogram images. Frequency ticks: on linear
 * axes every 1, 2 or 5 × 10^n Hz step giving ≤ 10 ticks; on log, mel and CQT axes the
 * values 1, 2, 5 × 10^n Hz inside the range; each placed at its fractional bin position
 * (interpolated in the ascending bin-frequency table), labelled "500 Hz" or "2 kHz".
 * Time ticks every 1, 2, 5, 10, 15, 30 s, 1, 2, 5, 10, 15, 30 min… giving ≤ 12 ticks,
 * labelled m:ss (h:mm:ss from an hour). The overlay is an SVG the size of the whole
 * canvas: the plot at (left, 0), frequency labels to its left, time labels below it.
 */
import type { SpectrogramMatrix } from "../../core/spectrogram/spectrogram-matrix.js";

export interface Tick {
  /** Pixel offset: from the top of the plot for frequency, from its left for time. */
  readonly position: number;
  readonly label: string;
}

export const AXIS_MARGINS = { left: 64, bottom: 24 } as const;

export function frequencyTicks(matrix: SpectrogramMatrix, height: number): Tick[] {
  const { frequencies, bins } = matrix;
  if (bins === 0) return [];
  const low = frequencies[0]!;
  const high = frequencies[bins - 1]!;
  const values: number[] = [];
  if (matrix.kind === "linear") {
    const step = niceStep((high - low) / 8, [1, 2, 5]);
    for (let f = Math.ceil(low / step) * step; f <= high; f += step) values.push(f);
  } else {
    for (let decade = 10 ** Math.floor(Math.log10(Math.max(low, 1))); decade <= high; decade *= 10) {
      for (const m of [1, 2, 5]) if (m * decade >= low && m * decade <= high) values.push(m * decade);
    }
  }
  return values.map((f) => ({
    position: height - ((binPosition(frequencies, f) + 0.5) * height) / bins,
    label: f >= 1000 ? `${Number((f / 1000).toFixed(2))} kHz` : `${Number(f.toFixed(1))} Hz`,
  }));
}

export function timeTicks(matrix: SpectrogramMatrix, width: number): Tick[] {
  if (matrix.frames === 0) return [];
  const start = matrix.times[0]!;
  const span = matrix.frames * matrix.hopSeconds;
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600];
  const step = steps.find((s) => span / s <= 12) ?? 3600 * Math.ceil(span / 12 / 3600);
  const ticks: Tick[] = [];
  for (let t = Math.ceil(start / step) * step; t <= start + span; t += step) {
    ticks.push({ position: ((t - start) / span) * width, label: formatClock(t) });
  }
  return ticks;
}

/** Seconds → "m:ss", or "h:mm:ss" from an hour on. */
export function formatClock(seconds: number): string {
  const whole = Math.round(seconds);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${s}` : `${m}:${s}`;
}

/** SVG for a canvas of (left + width) × (height + bottom) with the plot at (left, 0). */
export function axesOverlaySvg(matrix: SpectrogramMatrix, width: number, height: number): string {
  const { left, bottom } = AXIS_MARGINS;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${left + width}" height="${height + bottom}">`,
    `<g font-family="sans-serif" font-size="11" fill="#ddd" stroke="#ddd">`,
  ];
  for (const tick of frequencyTicks(matrix, height)) {
    const y = tick.position.toFixed(1);
    parts.push(`<line x1="${left - 5}" y1="${y}" x2="${left}" y2="${y}"/>`);
    parts.push(`<text x="${left - 7}" y="${y}" dy="4" text-anchor="end" stroke="none">${tick.label}</text>`);
  }
  for (const tick of timeTicks(matrix, width)) {
    const x = (left + tick.position).toFixed(1);
    // A label near the right edge ends at its tick so that it is not cut off.
    const anchor = tick.position > width - 24 ? "end" : "middle";
    parts.push(`<line x1="${x}" y1="${height}" x2="${x}" y2="${height + 5}"/>`);
    parts.push(`<text x="${x}" y="${height + 17}" text-anchor="${anchor}" stroke="none">${tick.label}</text>`);
  }
  parts.push("</g></svg>");
  return parts.join("");
}

/** Fractional index of frequency f in an ascending table (clamped to its ends). */
function binPosition(frequencies: Float64Array, f: number): number {
  let lo = 0;
  let hi = frequencies.length - 1;
  if (f <= frequencies[0]!) return 0;
  if (f >= frequencies[hi]!) return hi;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (frequencies[mid]! <= f) lo = mid;
    else hi = mid;
  }
  return lo + (f - frequencies[lo]!) / (frequencies[hi]! - frequencies[lo]!);
}

function niceStep(rough: number, mantissas: readonly number[]): number {
  const decade = 10 ** Math.floor(Math.log10(Math.max(rough, 1e-9)));
  for (const m of mantissas) if (m * decade >= rough) return m * decade;
  return 10 * decade;
}
