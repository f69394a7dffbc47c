/**
 * Spectral-balance curve for plotting: the long-term energy of the mix in fractional-octave
 * bands (IEC 61260-1 base-ten mid-band frequencies, 20 Hz–20 kHz; one-third octave by
 * default), each in dB relative to the sum over all the curve's bands (so the bands' powers
 * add up to 0 dB). Pink noise gives a flat curve, white noise rises 3 dB per octave.
 * Bands are integrated from the FFT bins with fractional edge weights (frequency-bands.ts).
 * A one-third octave is 0.23·f wide, so with bins Δ = 5.4 Hz apart (8192 points at
 * 44.1 kHz) bands below ≈ 100 Hz span only a few bins and those below ≈ 23 Hz less than one:
 * their levels are the energy density of the bins they overlap times their width, a
 * smoothed value. Bands wholly above Nyquist are left out; one crossing it is integrated up
 * to Nyquist.
 */
import type { Hz } from "../types.js";
import { fractionalOctaveBands } from "./fractional-octave-bands.js";
import { binSpan, spanSum } from "./frequency-bands.js";
import { SILENT_MEAN_SQUARE } from "./stereo-image.js";

export interface SpectralBalance {
  readonly bandsPerOctave: number;
  /** Exact mid-band frequencies (Hz), ascending. */
  readonly centresHz: readonly Hz[];
  /** Nominal labels (20, 25, 31.5, …) for octave and one-third-octave bands. */
  readonly nominalHz: readonly Hz[];
  /** Band level relative to the total, dB; null for a band without energy (or silence). */
  readonly levelsDb: readonly (number | null)[];
}

export function spectralBalance(
  energy: Float64Array,
  binHz: Hz,
  sampleCount: number,
  bandsPerOctave: number,
): SpectralBalance {
  const bins = energy.length;
  const nyquistHz = (bins - 1) * binHz;
  const bands = fractionalOctaveBands(bandsPerOctave).filter((band) => band.lowHz < nyquistHz);
  const energies = bands.map((band) => spanSum(energy, binSpan(band.lowHz, band.highHz, binHz, bins)));
  const total = energies.reduce((sum, value) => sum + value, 0);
  const audible = total > SILENT_MEAN_SQUARE * Math.max(1, sampleCount);
  return {
    bandsPerOctave,
    centresHz: bands.map((band) => band.centreHz),
    nominalHz: bands.map((band) => band.nominalHz),
    levelsDb: energies.map((value) => (audible && value > 0 ? 10 * Math.log10(value / total) : null)),
  };
}
