/**
 * The drum model's view of each frame. The log bands of a DrumSpectralInput are turned
 * back into filtered magnitudes, averaged in a few pools (finer at low frequencies, where
 * kick, toms and snare body differ), scaled by the track's reference level (the 99th
 * percentile of pooled magnitudes, so the mix's gain does not matter) and compressed again
 * as log10(1 + levelGain·x/reference); each frame's descriptor is these pooled levels plus
 * log(1 + flux) of every region envelope and of the high-band flux. The model's input at
 * frame t is the descriptors of a window of frames around t and the mean pooled levels over
 * a few longer spans (the decay after the hit, the background before it), in the spirit of
 * the context windows of frame-wise drum transcription networks.
 * Reference: Vogl, Dorfer & Knees (2017), "Drum transcription from polyphonic music with
 *   recurrent neural networks", ICASSP (frame-wise activations from a log spectrogram with
 *   context, peak picked per instrument).
 */
import { checkDrumSpectralInput, type DrumSpectralInput } from "./drum-spectral-input.js";

export interface DrumFeatureLayout {
  /** Ascending pool edges (Hz); pool p averages the bands centred in [edges[p], edges[p + 1]). */
  readonly poolEdgesHz: readonly number[];
  /** The window: descriptors of frames t + windowFrom … t + windowTo. */
  readonly windowFrom: number;
  readonly windowTo: number;
  /** Spans [from, to] (frame offsets, inclusive) whose mean pooled levels are added. */
  readonly spans: readonly (readonly [number, number])[];
  /** Knee of the level compression: levels 1/levelGain below the reference fall to ~0. */
  readonly levelGain: number;
}

/** The per-frame descriptors of one track and what the input vectors are built from. */
export interface DrumFeatureRows {
  readonly frames: number;
  readonly pools: number;
  /** Values per descriptor: pools + region envelopes + 1 (high band). */
  readonly descriptorWidth: number;
  /** frames × descriptorWidth, frame-major. */
  readonly descriptors: Float32Array;
  /** Running sums of the pooled levels: (frames + 1) × pools. */
  readonly levelSums: Float64Array;
  /** Length of the input vector of one frame. */
  readonly inputWidth: number;
  /** The track's reference magnitude (99th percentile of pooled magnitudes); 0 for silence. */
  readonly referenceMagnitude: number;
  readonly layout: DrumFeatureLayout;
}

const REFERENCE_PERCENTILE = 0.99;
/** The log bands' compression multiplier (λ of log10(1 + λ·x)). */
const BAND_MULTIPLIER = 100;

export function drumInputWidth(layout: DrumFeatureLayout, regions: number): number {
  const pools = layout.poolEdgesHz.length - 1;
  return (layout.windowTo - layout.windowFrom + 1) * (pools + regions + 1) + layout.spans.length * pools;
}

/** Pool of each band (−1: outside every pool). */
function poolOfBands(bandCenterHz: ArrayLike<number>, edges: readonly number[]): Int32Array {
  const pools = new Int32Array(bandCenterHz.length).fill(-1);
  for (let b = 0; b < bandCenterHz.length; b++) {
    const hz = bandCenterHz[b]!;
    for (let p = 0; p + 1 < edges.length; p++) if (hz >= edges[p]! && hz < edges[p + 1]!) pools[b] = p;
  }
  return pools;
}

/** Whether every pool of `layout` holds at least one of the bands (the input suits the layout). */
export function bandsCoverPools(bandCenterHz: ArrayLike<number>, layout: DrumFeatureLayout): boolean {
  const poolOf = poolOfBands(bandCenterHz, layout.poolEdgesHz);
  const covered = new Set<number>();
  for (const pool of poolOf) if (pool >= 0) covered.add(pool);
  return covered.size === layout.poolEdgesHz.length - 1;
}

export function drumFeatureRows(input: DrumSpectralInput, layout: DrumFeatureLayout): DrumFeatureRows {
  checkDrumSpectralInput("drumFeatureRows", input);
  const { frames, bands, bandCenterHz, regionFlux, highBandFlux } = input;
  const bandCount = bandCenterHz.length;
  const pools = layout.poolEdgesHz.length - 1;
  const regions = regionFlux.length;
  const descriptorWidth = pools + regions + 1;
  const poolOf = poolOfBands(bandCenterHz, layout.poolEdgesHz);
  const poolSizes = new Float64Array(pools);
  for (let b = 0; b < bandCount; b++) if (poolOf[b]! >= 0) poolSizes[poolOf[b]!]++;
  const empty = poolSizes.indexOf(0);
  if (empty >= 0 && bandCount > 0) {
    const [from, to] = [layout.poolEdgesHz[empty]!, layout.poolEdgesHz[empty + 1]!];
    throw new RangeError(`drumFeatureRows: the input has no band between ${from} and ${to} Hz, which the model reads`);
  }
  // Step 1: pooled filtered magnitudes (the log bands undone).
  const magnitudes = new Float32Array(frames * pools);
  const sums = new Float64Array(pools);
  for (let t = 0; t < frames; t++) {
    sums.fill(0);
    const row = t * bandCount;
    for (let b = 0; b < bandCount; b++) {
      const p = poolOf[b]!;
      if (p >= 0) sums[p] = sums[p]! + (10 ** bands[row + b]! - 1) / BAND_MULTIPLIER;
    }
    for (let p = 0; p < pools; p++) {
      const value = poolSizes[p]! > 0 ? sums[p]! / poolSizes[p]! : 0;
      magnitudes[t * pools + p] = Number.isFinite(value) && value > 0 ? value : 0;
    }
  }
  // Step 2: the reference level and the compressed, gain-free levels.
  const referenceMagnitude = percentile(magnitudes, REFERENCE_PERCENTILE);
  const scale = referenceMagnitude > 0 ? layout.levelGain / referenceMagnitude : 0;
  const descriptors = new Float32Array(frames * descriptorWidth);
  const levelSums = new Float64Array((frames + 1) * pools);
  for (let t = 0; t < frames; t++) {
    const out = t * descriptorWidth;
    for (let p = 0; p < pools; p++) {
      const level = Math.log10(1 + scale * magnitudes[t * pools + p]!);
      descriptors[out + p] = level;
      levelSums[(t + 1) * pools + p] = levelSums[t * pools + p]! + level;
    }
    for (let r = 0; r < regions; r++) descriptors[out + pools + r] = compressFlux(regionFlux[r]![t]!);
    descriptors[out + pools + regions] = highBandFlux === null ? 0 : compressFlux(highBandFlux[t]!);
  }
  return {
    frames,
    pools,
    descriptorWidth,
    descriptors,
    levelSums,
    inputWidth: drumInputWidth(layout, regions),
    referenceMagnitude,
    layout,
  };
}

function compressFlux(value: number): number {
  return Number.isFinite(value) && value > 0 ? Math.log1p(value) : 0;
}

/** The `fraction` quantile of `values` (0 when empty). */
function percentile(values: Float32Array, fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = Float32Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!;
}

/**
 * Writes the model input of frame t to out[0 … inputWidth): the window's descriptors
 * (frames past either end repeat the first or last) and the spans' mean pooled levels.
 */
export function fillDrumInput(rows: DrumFeatureRows, t: number, out: Float32Array): void {
  const { frames, pools, descriptorWidth, descriptors, levelSums, layout } = rows;
  let at = 0;
  const last = frames - 1;
  for (let offset = layout.windowFrom; offset <= layout.windowTo; offset++) {
    const frame = t + offset;
    const from = (frame < 0 ? 0 : frame > last ? last : frame) * descriptorWidth;
    for (let k = 0; k < descriptorWidth; k++) out[at++] = descriptors[from + k]!;
  }
  const { spans } = layout;
  for (let s = 0; s < spans.length; s++) {
    const span = spans[s]!;
    const from = Math.max(0, Math.min(frames, t + span[0]));
    const to = Math.max(from, Math.min(frames, t + span[1] + 1));
    const count = to - from;
    for (let p = 0; p < pools; p++) {
      out[at++] = count > 0 ? (levelSums[to * pools + p]! - levelSums[from * pools + p]!) / count : 0;
    }
  }
}
