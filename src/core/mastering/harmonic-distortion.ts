/**
 * An estimate of total harmonic distortion from the long-term average spectrum of the mix:
 * the strongest stationary tonal peak is taken as a fundamental f0 and the energy near its
 * integer multiples 2·f0 … H·f0 is compared with the fundamental's,
 * THD = √(Σ_(h≥2) E_h / E_1) (the IEC 60268-3 / AES17 ratio of harmonic to fundamental
 * amplitude, measured here from the spectrum instead of a notch filter).
 * Steps: (1) f0 = the largest long-term-spectrum bin between 20 Hz and a quarter of the
 * sample rate (so that the 2nd harmonic lies below Nyquist); it must stand at least
 * `minProminenceDb` above the local floor (the median bin of ±32 bins around it, leaving out
 * ±4), else there is no stationary tone and the estimate is null; its frequency is refined
 * by parabolic interpolation of the log spectrum. (2) E_h = energy of the ±3 bins around
 * h·f0 (the window's main lobe is ±1.5 bins) minus the local floor over those bins, ≥ 0.
 * Only harmonics below 0.95·Nyquist count.
 * An estimate, and an honest one only for sustained tones: on music the strongest long-term
 * peak is usually a note whose natural overtones count as "distortion", so read the figure
 * as an upper bound there; it cannot separate distortion from overtones.
 * Reference: IEC 60268-3:2018 §14.12 (total harmonic distortion); AES17-2020 §6.3.
 */

export interface HarmonicDistortionOptions {
  /** Highest harmonic order counted; integer ≥ 2. */
  readonly maxHarmonic: number;
  /** Smallest prominence of the fundamental over the local floor, dB. */
  readonly minProminenceDb: number;
}

export const HARMONIC_DISTORTION_DEFAULTS: HarmonicDistortionOptions = { maxHarmonic: 5, minProminenceDb: 30 };

export interface HarmonicDistortionEstimate {
  /** THD in percent (100·√(ΣE_h/E_1)), or null without a stationary tone. */
  readonly thdPercent: number | null;
  /** 20·log10 of the THD ratio (null when it is 0 or undefined). */
  readonly thdDb: number | null;
  /** Refined frequency of the tone taken as fundamental. */
  readonly fundamentalHz: number | null;
  /** Level of harmonics 2…H relative to the fundamental, dB (null when not above the floor). */
  readonly harmonicsDb: readonly (number | null)[];
}

const NO_ESTIMATE: HarmonicDistortionEstimate = { thdPercent: null, thdDb: null, fundamentalHz: null, harmonicsDb: [] };
const LOBE_BINS = 3;
const FLOOR_BINS = 32;
const FLOOR_GAP_BINS = 4;

/** `energy`: one-sided long-term energy per bin (N/2 + 1 bins, `binHz` apart). */
export function estimateHarmonicDistortion(
  energy: Float64Array,
  binHz: number,
  options: Partial<HarmonicDistortionOptions> = {},
): HarmonicDistortionEstimate {
  const { maxHarmonic, minProminenceDb } = { ...HARMONIC_DISTORTION_DEFAULTS, ...options };
  if (!(Number.isInteger(maxHarmonic) && maxHarmonic >= 2)) {
    throw new RangeError(`estimateHarmonicDistortion: maxHarmonic must be an integer ≥ 2, got ${maxHarmonic}`);
  }
  const bins = energy.length;
  const nyquistHz = (bins - 1) * binHz;
  const lowest = Math.max(LOBE_BINS + 1, Math.ceil(20 / binHz));
  const highest = Math.min(bins - LOBE_BINS - 1, Math.floor(nyquistHz / 2 / binHz));
  let peakBin = -1;
  for (let k = lowest; k <= highest; k++) {
    if (peakBin < 0 || energy[k]! > energy[peakBin]!) peakBin = k;
  }
  if (peakBin < 0 || !(energy[peakBin]! > 0)) return NO_ESTIMATE;
  const fundamental = lobeEnergy(energy, peakBin);
  if (!(fundamental > 0)) return NO_ESTIMATE;
  const floor = localFloor(energy, peakBin);
  if (floor > 0 && 10 * Math.log10(energy[peakBin]! / floor) < minProminenceDb) return NO_ESTIMATE;
  const centre = peakBin + parabolicOffset(energy, peakBin);
  const harmonicsDb: (number | null)[] = [];
  let harmonicEnergy = 0;
  for (let order = 2; order <= maxHarmonic; order++) {
    const bin = Math.round(order * centre);
    if (bin * binHz >= 0.95 * nyquistHz || bin + LOBE_BINS >= bins) break;
    const value = lobeEnergy(energy, bin);
    harmonicEnergy += value;
    harmonicsDb.push(value > 0 ? 10 * Math.log10(value / fundamental) : null);
  }
  const ratio = Math.sqrt(harmonicEnergy / fundamental);
  return {
    thdPercent: 100 * ratio,
    thdDb: ratio > 0 ? 20 * Math.log10(ratio) : null,
    fundamentalHz: centre * binHz,
    harmonicsDb,
  };
}

/** Energy of bins bin ± LOBE_BINS above the local floor, ≥ 0. */
function lobeEnergy(energy: Float64Array, bin: number): number {
  let sum = 0;
  for (let k = bin - LOBE_BINS; k <= bin + LOBE_BINS; k++) sum += energy[k]!;
  return Math.max(0, sum - (2 * LOBE_BINS + 1) * localFloor(energy, bin));
}

/** Median of the bins within ±FLOOR_BINS of `bin`, leaving out ±FLOOR_GAP_BINS. */
function localFloor(energy: Float64Array, bin: number): number {
  const values: number[] = [];
  for (let k = Math.max(0, bin - FLOOR_BINS); k <= Math.min(energy.length - 1, bin + FLOOR_BINS); k++) {
    if (Math.abs(k - bin) > FLOOR_GAP_BINS) values.push(energy[k]!);
  }
  if (values.length === 0) return 0;
  values.sort((a, b) => a - b);
  return values[values.length >> 1]!;
}

/** Offset in (−0.5, 0.5) of the vertex of the parabola through the log energies around `bin`. */
function parabolicOffset(energy: Float64Array, bin: number): number {
  const tiny = 1e-300;
  const left = Math.log(energy[bin - 1]! + tiny);
  const centre = Math.log(energy[bin]! + tiny);
  const right = Math.log(energy[bin + 1]! + tiny);
  const curvature = left - 2 * centre + right;
  if (!(curvature < 0)) return 0;
  return Math.max(-0.5, Math.min(0.5, (0.5 * (left - right)) / curvature));
}
