/**
 * The reference long-term spectrum that centres the feature vector's spectral dimensions: a
 * smooth stand-in for the long-term average spectrum of commercial popular music, in energy
 * per third octave — a bass plateau from 40 to 125 Hz, a fall of 6 dB per octave below 40 Hz,
 * of 1.5 dB per octave above 125 Hz (a power spectral density falling 4.5 dB per octave, the
 * tilt spectrum analysers such as Voxengo SPAN apply by default so that typical mixes look
 * flat) and a further 4 dB per octave above 8 kHz (the "air" roll-off). It is a documented
 * choice shaped after published averages (cf. Pestana, Ma, Reiss, Barbosa & Black (2013),
 * "Spectral characteristics of popular commercial recordings 1950–2010", AES 135th
 * Convention), not a fit to data.
 *
 * A track matching it exactly sits at the centre (0) of every spectral dimension, so the
 * feature vector measures how a track departs from "typical". Centres derived from it:
 * - third-octave balance levels (dB relative to the 31-band total);
 * - the five bands' energy share (dB), centroid and rolloff positions, by integrating the
 *   reference density over log frequency (`referenceBandFigures`);
 * - the balance-curve shape statistics (balance-shape.ts applied to the reference levels).
 */
import type { Hz } from "../types.js";
import { THIRD_OCTAVE_CENTRES_HZ } from "./third-octave-bands.js";

const PLATEAU_LOW_HZ = 40;
const PLATEAU_HIGH_HZ = 125;
const AIR_ROLLOFF_HZ = 8000;
const FALL_BELOW_DB_PER_OCTAVE = 6;
const FALL_ABOVE_DB_PER_OCTAVE = 1.5;
const AIR_FALL_DB_PER_OCTAVE = 4;
/** Edges of the range the mastering band shares are relative to. */
const SHARE_LOW_HZ = 20;
const SHARE_HIGH_HZ = 20_000;
const INTEGRATION_STEPS = 4000;

/** Energy per third octave at `frequencyHz` in dB, before normalisation to the 31-band total. */
function unnormalisedLevelDb(frequencyHz: Hz): number {
  return (
    -FALL_ABOVE_DB_PER_OCTAVE * Math.max(0, Math.log2(frequencyHz / PLATEAU_HIGH_HZ)) -
    AIR_FALL_DB_PER_OCTAVE * Math.max(0, Math.log2(frequencyHz / AIR_ROLLOFF_HZ)) -
    FALL_BELOW_DB_PER_OCTAVE * Math.max(0, Math.log2(PLATEAU_LOW_HZ / frequencyHz))
  );
}

const UNNORMALISED = THIRD_OCTAVE_CENTRES_HZ.map(unnormalisedLevelDb);
const TOTAL_DB = 10 * Math.log10(UNNORMALISED.reduce((sum, level) => sum + 10 ** (level / 10), 0));

/** The reference's 31 third-octave levels, dB relative to their total (their powers sum to 0 dB). */
export const REFERENCE_BALANCE_DB: readonly number[] = UNNORMALISED.map((level) => level - TOTAL_DB);

export interface ReferenceBandFigures {
  /** 10·log10 of the band's share of the 20 Hz–20 kHz energy. */
  readonly shareDb: number;
  /** Position of the energy centroid Σf·E/ΣE in the band on a log-frequency scale, [0, 1]. */
  readonly centroidPosition: number;
  /** Position of the frequency below which `rolloffFraction` of the band's energy lies, [0, 1]. */
  readonly rolloffPosition: number;
}

/** The reference spectrum's figures for a band [lowHz, highHz) inside 20 Hz–20 kHz. */
export function referenceBandFigures(lowHz: Hz, highHz: Hz, rolloffFraction: number): ReferenceBandFigures {
  const total = integrate(SHARE_LOW_HZ, SHARE_HIGH_HZ, null);
  const energies: number[] = [];
  const frequencies: number[] = [];
  const band = integrate(lowHz, highHz, { energies, frequencies });
  let weightedFrequency = 0;
  for (let step = 0; step < energies.length; step++) weightedFrequency += energies[step]! * frequencies[step]!;
  const centroidHz = weightedFrequency / band;
  let cumulative = 0;
  let rolloffHz = highHz;
  for (let step = 0; step < energies.length; step++) {
    cumulative += energies[step]!;
    if (cumulative >= rolloffFraction * band) {
      rolloffHz = frequencies[step]!;
      break;
    }
  }
  const position = (frequencyHz: Hz) => Math.log(frequencyHz / lowHz) / Math.log(highHz / lowHz);
  return {
    shareDb: 10 * Math.log10(band / total),
    centroidPosition: position(centroidHz),
    rolloffPosition: position(rolloffHz),
  };
}

/**
 * ∫ density d(log f) over [lowHz, highHz] by the midpoint rule; the density per third octave is
 * 10^(level/10), so per unit log frequency it is proportional to the same. Steps are recorded
 * into `trace` when given.
 */
function integrate(
  lowHz: Hz,
  highHz: Hz,
  trace: { readonly energies: number[]; readonly frequencies: number[] } | null,
): number {
  const logLow = Math.log(lowHz);
  const step = (Math.log(highHz) - logLow) / INTEGRATION_STEPS;
  let sum = 0;
  for (let index = 0; index < INTEGRATION_STEPS; index++) {
    const frequencyHz = Math.exp(logLow + (index + 0.5) * step);
    const energy = 10 ** (unnormalisedLevelDb(frequencyHz) / 10) * step;
    sum += energy;
    trace?.energies.push(energy);
    trace?.frequencies.push(frequencyHz);
  }
  return sum;
}
