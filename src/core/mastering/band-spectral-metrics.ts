/**
 * Per-band figures from the long-term spectra (one-sided energies per bin, each bin
 * weighted by the fraction of it inside the band, see frequency-bands.ts; the caller scales
 * the spectra so that their total is the signal's exact energy):
 * - energy share: the band's energy over the energy between the lowest band edge and the
 *   highest (so shares of bands that tile that range sum to 1);
 * - RMS (dBFS): √(band energy / samples), the RMS of the brick-wall band-limited mix;
 * - spectral centroid Σf·E/ΣE, rolloff (the frequency below which `rolloffFraction` of the
 *   band's energy lies, interpolated inside the bin) and flatness (weighted geometric over
 *   arithmetic mean of the bin energies, 1 for white noise, → 0 for a tone), all of the
 *   long-term average spectrum — so flatness describes the band's average spectrum, not
 *   frame-by-frame noisiness;
 * - stereo figures of the band-limited L and R (stereo-image.ts).
 * Bins count with the frequency of the middle of their part inside the band.
 * References: Peeters (2004), "A large set of audio features for sound description",
 *   IRCAM (centroid, rolloff, flatness); Welch (1967) for the averaged spectrum.
 */
import type { Dbfs, Hz } from "../types.js";
import { type BinSpan, binSpan, type FrequencyBand, spanSum } from "./frequency-bands.js";
import type { LongTermSpectrumResult } from "./long-term-spectrum.js";
import { MONO_STEREO_FIGURES, SILENT_MEAN_SQUARE, type StereoFigures, stereoFigures } from "./stereo-image.js";

export interface BandSpectralMetrics {
  /** Fraction of the energy between the lowest and highest band edges, in [0, 1]. */
  readonly energyShare: number | null;
  readonly rmsDbfs: Dbfs | null;
  readonly centroidHz: Hz | null;
  readonly rolloffHz: Hz | null;
  readonly flatness: number | null;
  readonly stereo: StereoFigures;
}

export function bandSpectralMetrics(
  spectrum: LongTermSpectrumResult,
  bands: readonly FrequencyBand[],
  sampleRate: number,
  sampleCount: number,
  rolloffFraction: number,
): BandSpectralMetrics[] {
  const { mixEnergy, frameSize } = spectrum;
  const binHz = sampleRate / frameSize;
  const bins = mixEnergy.length;
  const silent = SILENT_MEAN_SQUARE * Math.max(1, sampleCount);
  const range = binSpan(bands[0]!.lowHz, bands[bands.length - 1]!.highHz, binHz, bins);
  const total = spanSum(mixEnergy, range);
  return bands.map((band) => {
    const span = binSpan(band.lowHz, band.highHz, binHz, bins);
    const energy = spanSum(mixEnergy, span);
    const audible = energy > silent;
    const shape = audible ? spectralShape(mixEnergy, span, band, binHz, rolloffFraction) : null;
    const stereo = spectrum.stereo;
    return {
      energyShare: total > silent ? Math.min(1, energy / total) : null,
      rmsDbfs: audible ? 10 * Math.log10(energy / sampleCount) : null,
      centroidHz: shape?.centroidHz ?? null,
      rolloffHz: shape?.rolloffHz ?? null,
      flatness: shape?.flatness ?? null,
      stereo:
        stereo === null
          ? MONO_STEREO_FIGURES
          : stereoFigures(
              spanSum(stereo.left, span),
              spanSum(stereo.right, span),
              spanSum(stereo.cross, span),
              sampleCount,
            ),
    };
  });
}

function spectralShape(
  energy: Float64Array,
  span: BinSpan,
  band: FrequencyBand,
  binHz: number,
  rolloffFraction: number,
): { centroidHz: Hz; rolloffHz: Hz; flatness: number } {
  const nyquistHz = (energy.length - 1) * binHz;
  const low = band.lowHz;
  const high = Math.min(band.highHz, nyquistHz);
  // Pass 1: weights, weighted sums and the parts of the bins inside the band.
  let weightSum = 0;
  let energySum = 0;
  let moment = 0;
  for (let k = span.first; k <= span.last; k++) {
    const part = binPart(k, binHz, nyquistHz, low, high);
    const weighted = part.weight * energy[k]!;
    weightSum += part.weight;
    energySum += weighted;
    moment += weighted * part.centreHz;
  }
  // Pass 2: rolloff crossing and the geometric mean (bin energies floored 120 dB below their mean).
  const mean = energySum / weightSum;
  const floor = 1e-12 * mean;
  const target = rolloffFraction * energySum;
  let cumulative = 0;
  let rolloffHz = high;
  let rolloffFound = false;
  let logSum = 0;
  for (let k = span.first; k <= span.last; k++) {
    const part = binPart(k, binHz, nyquistHz, low, high);
    const weighted = part.weight * energy[k]!;
    if (!rolloffFound && weighted > 0 && cumulative + weighted >= target) {
      rolloffHz = part.lowHz + ((target - cumulative) / weighted) * (part.highHz - part.lowHz);
      rolloffFound = true;
    }
    cumulative += weighted;
    logSum += part.weight * Math.log(Math.max(floor, energy[k]!));
  }
  return {
    centroidHz: moment / energySum,
    rolloffHz,
    flatness: Math.min(1, Math.exp(logSum / weightSum) / mean),
  };
}

/** The part of bin k's interval inside [low, high]: its edges, middle and fraction of the bin. */
function binPart(
  k: number,
  binHz: number,
  nyquistHz: number,
  low: number,
  high: number,
): { lowHz: Hz; highHz: Hz; centreHz: Hz; weight: number } {
  const binLow = Math.max(0, (k - 0.5) * binHz);
  const binHigh = Math.min(nyquistHz, (k + 0.5) * binHz);
  const partLow = Math.max(low, binLow);
  const partHigh = Math.max(partLow, Math.min(high, binHigh));
  return {
    lowHz: partLow,
    highHz: partHigh,
    centreHz: (partLow + partHigh) / 2,
    weight: (partHigh - partLow) / (binHigh - binLow),
  };
}
