/**
 * Transient density (onsets per second) and attack time (median 10 %→90 % rise time) from
 * an energy envelope of the mono mix.
 * Envelope: the first difference x[n] − x[n−1] (a +6 dB/octave tilt, a cheap stand-in for
 * the high-frequency-content weighting that makes percussive onsets stand out, Masri 1996;
 * it also removes DC), squared and summed in blocks of B = round(fs·blockSeconds) samples;
 * envelope e_k = √(mean square over the last `windowBlocks` blocks), level L_k = 20·log10 e_k.
 * Onset (Bello et al. 2005, energy-based detection): L_k − L_(k−lag) ≥ riseThresholdDb with
 * L_k ≥ floorDbfs, at least minIntervalSeconds after the previous onset and not while the
 * previous attack is still being followed.
 * Attack: from the onset, the envelope's running peak is followed until it falls peakDropDb
 * below it, stops rising (no gain of settleDb within settleSeconds: a plateau, ripple
 * ignored) or maxAttackSeconds pass. With base = the lowest envelope value in the lag before
 * the onset, the attack time is t90 − t10, the first crossing of base + 0.9·(peak − base)
 * and the last crossing of base + 0.1·(peak − base) before it (linear interpolation between
 * envelope values). A linear amplitude ramp of duration T from silence gives 0.8·T. The
 * envelope limits the resolution: a sustained step in level reads as ≈ 4 ms (the 5-ms mean
 * square ramps over the window), a single click as ≈ 1 ms. Slow fade-ins of quiet sounds
 * (level rising < riseThresholdDb per lag once above the floor) are not onsets.
 * Memory: a ring of ~1 s of envelope values and one number per onset.
 * References: Masri (1996), PhD thesis, Univ. of Bristol (HFC); Bello, Daudet, Abdallah,
 *   Duxbury, Davies & Sandler (2005), "A tutorial on onset detection in music signals", IEEE
 *   TSAP 13(5); the 10–90 % rise time as in IEC 60469 (pulse transition duration).
 */
import type { Seconds } from "../types.js";

export interface TransientOptions {
  /** Envelope block length in seconds (> 0). */
  readonly blockSeconds: Seconds;
  /** Blocks in the envelope's moving mean square; integer ≥ 1. */
  readonly windowBlocks: number;
  /** Blocks between the compared levels; integer ≥ 1. */
  readonly lagBlocks: number;
  /** Level rise over the lag that makes an onset, dB (> 0). */
  readonly riseThresholdDb: number;
  /** Lowest envelope level (of the differenced signal) at an onset, dBFS. */
  readonly floorDbfs: number;
  /** Shortest time between onsets, seconds (≥ 0). */
  readonly minIntervalSeconds: Seconds;
  /** Longest attack followed, seconds (> 0). */
  readonly maxAttackSeconds: Seconds;
  /** Fall below the running peak that ends an attack, dB (> 0). */
  readonly peakDropDb: number;
  /** An attack ends when the envelope gains less than settleDb (> 0) within settleSeconds. */
  readonly settleDb: number;
  readonly settleSeconds: Seconds;
}

export const TRANSIENT_DEFAULTS: TransientOptions = {
  blockSeconds: 0.001,
  windowBlocks: 5,
  lagBlocks: 10,
  riseThresholdDb: 8,
  floorDbfs: -70,
  minIntervalSeconds: 0.05,
  maxAttackSeconds: 0.5,
  peakDropDb: 3,
  settleDb: 0.5,
  settleSeconds: 0.05,
};

export interface TransientMetrics {
  readonly onsetCount: number;
  /** Onsets per second of the whole signal; null for an empty signal. */
  readonly densityPerSecond: number | null;
  /** Median 10 %→90 % rise time in ms; null without onsets. */
  readonly attackTimeMs: number | null;
  /** Quartiles of the rise times in ms; null without onsets. */
  readonly attackTimeQuartilesMs: readonly [number, number] | null;
}

export interface TransientDetector {
  /** Adds samples [0, length) of the mono mix. */
  push(samples: Float32Array, length: number): void;
  /** Σx² of the samples pushed so far (the envelope pass sums it on the way). */
  signalEnergy(): number;
  /** Ends the stream (follows an unfinished attack to the end); call once. */
  finish(durationSeconds: Seconds): TransientMetrics;
}

export function createTransientDetector(
  sampleRate: number,
  options: Partial<TransientOptions> = {},
): TransientDetector {
  const resolved = { ...TRANSIENT_DEFAULTS, ...options };
  const { blockSeconds, windowBlocks, lagBlocks, maxAttackSeconds } = resolved;
  const name = "createTransientDetector";
  if (!(blockSeconds > 0)) throw new RangeError(`${name}: blockSeconds must be > 0, got ${blockSeconds}`);
  if (!(Number.isInteger(windowBlocks) && windowBlocks >= 1)) {
    throw new RangeError(`${name}: windowBlocks must be an integer ≥ 1, got ${windowBlocks}`);
  }
  if (!(Number.isInteger(lagBlocks) && lagBlocks >= 1)) {
    throw new RangeError(`${name}: lagBlocks must be an integer ≥ 1, got ${lagBlocks}`);
  }
  if (!(maxAttackSeconds > 0)) throw new RangeError(`${name}: maxAttackSeconds must be > 0, got ${maxAttackSeconds}`);
  return new EnvelopeOnsetDetector(sampleRate, resolved);
}

/** Level (dB) standing for silence, below any floor. */
const SILENT_DB = -400;

class EnvelopeOnsetDetector implements TransientDetector {
  private readonly blockLength: number;
  private readonly blockDuration: Seconds;
  private readonly ringMask: number;
  /** Ring buffers indexed by block & ringMask: block mean squares, envelope, level. */
  private readonly meanSquares: Float64Array;
  private readonly envelope: Float64Array;
  private readonly levels: Float64Array;
  private readonly maxAttackBlocks: number;
  private readonly minIntervalBlocks: number;
  private readonly settleBlocks: number;
  private readonly settleRatio: number;
  /** [previous sample, Σd² of the block in progress, samples in it, Σx² of everything]. */
  private readonly sampleState = new Float64Array(4);
  private block = 0;
  private lastOnset = Number.NEGATIVE_INFINITY;
  /** Onset block of the attack being followed, or −1. */
  private attackOnset = -1;
  private attackPeak = 0;
  private attackPeakBlock = 0;
  /** Envelope value and block of the attack's last rise by settleDb or more. */
  private settleLevel = 0;
  private settleBlock = 0;
  private onsetCount = 0;
  private attackTimes = new Float64Array(64);
  private attackCount = 0;

  constructor(
    sampleRate: number,
    private readonly options: TransientOptions,
  ) {
    this.blockLength = Math.max(1, Math.round(sampleRate * options.blockSeconds));
    this.blockDuration = this.blockLength / sampleRate;
    this.maxAttackBlocks = Math.max(1, Math.round(options.maxAttackSeconds / this.blockDuration));
    this.minIntervalBlocks = Math.round(options.minIntervalSeconds / this.blockDuration);
    this.settleBlocks = Math.max(1, Math.round(options.settleSeconds / this.blockDuration));
    this.settleRatio = 10 ** (options.settleDb / 20);
    let ringSize = 16;
    while (ringSize < this.maxAttackBlocks + options.lagBlocks + options.windowBlocks + 4) ringSize *= 2;
    this.ringMask = ringSize - 1;
    this.meanSquares = new Float64Array(ringSize);
    this.envelope = new Float64Array(ringSize);
    this.levels = new Float64Array(ringSize).fill(SILENT_DB);
  }

  push(samples: Float32Array, length: number): void {
    const { sampleState, blockLength } = this;
    let offset = 0;
    while (offset < length) {
      const take = Math.min(length - offset, blockLength - sampleState[2]!);
      differenceEnergyKernel(samples, offset, offset + take, sampleState);
      offset += take;
      if (sampleState[2] === blockLength) {
        this.step(sampleState[1]! / blockLength);
        sampleState[1] = 0;
        sampleState[2] = 0;
      }
    }
  }

  signalEnergy(): number {
    return this.sampleState[3]!;
  }

  finish(durationSeconds: Seconds): TransientMetrics {
    const { sampleState } = this;
    if (sampleState[2]! > 0) this.step(sampleState[1]! / sampleState[2]!);
    if (this.attackOnset >= 0) this.endAttack(this.block - 1);
    const times = Array.from(this.attackTimes.subarray(0, this.attackCount)).sort((a, b) => a - b);
    return {
      onsetCount: this.onsetCount,
      densityPerSecond: durationSeconds > 0 ? this.onsetCount / durationSeconds : null,
      attackTimeMs: times.length > 0 ? 1000 * quantile(times, 0.5) : null,
      attackTimeQuartilesMs: times.length > 0 ? [1000 * quantile(times, 0.25), 1000 * quantile(times, 0.75)] : null,
    };
  }

  /** One envelope block with mean square `meanSquare`. */
  private step(meanSquare: number): void {
    const { ringMask, meanSquares, envelope, levels, options } = this;
    const k = this.block;
    meanSquares[k & ringMask] = meanSquare;
    let windowSum = 0;
    const span = Math.min(options.windowBlocks, k + 1);
    for (let j = 0; j < span; j++) windowSum += meanSquares[(k - j) & ringMask]!;
    const windowed = windowSum / options.windowBlocks;
    const level = windowed > 0 ? 10 * Math.log10(windowed) : SILENT_DB;
    envelope[k & ringMask] = Math.sqrt(windowed);
    levels[k & ringMask] = level;
    this.block = k + 1;

    if (this.attackOnset >= 0) {
      const value = envelope[k & ringMask]!;
      if (value > this.attackPeak) {
        this.attackPeak = value;
        this.attackPeakBlock = k;
      }
      if (value >= this.settleLevel * this.settleRatio) {
        this.settleLevel = value;
        this.settleBlock = k;
      }
      const dropped = level < 20 * Math.log10(this.attackPeak) - options.peakDropDb;
      const settled = k - this.settleBlock >= this.settleBlocks;
      if (dropped || settled || k - this.attackOnset >= this.maxAttackBlocks) this.endAttack(k);
      return;
    }
    const previous = k >= options.lagBlocks ? levels[(k - options.lagBlocks) & ringMask]! : SILENT_DB;
    if (
      level >= options.floorDbfs &&
      level - previous >= options.riseThresholdDb &&
      k - this.lastOnset >= this.minIntervalBlocks
    ) {
      this.onsetCount++;
      this.lastOnset = k;
      this.attackOnset = k;
      this.attackPeak = envelope[k & ringMask]!;
      this.attackPeakBlock = k;
      this.settleLevel = this.attackPeak;
      this.settleBlock = k;
    }
  }

  /** Measures the 10 %→90 % rise of the attack that began at `attackOnset` and peaked at attackPeakBlock. */
  private endAttack(lastBlock: number): void {
    const { envelope, ringMask, options } = this;
    const onset = this.attackOnset;
    this.attackOnset = -1;
    const start = Math.max(0, onset - options.lagBlocks, lastBlock - ringMask);
    let base = Number.POSITIVE_INFINITY;
    for (let k = start; k <= onset; k++) base = Math.min(base, envelope[k & ringMask]!);
    const peak = this.attackPeak;
    if (!(peak > base)) return;
    const high = base + 0.9 * (peak - base);
    const low = base + 0.1 * (peak - base);
    // First crossing of the 90 % level (the peak block reaches it, so one exists).
    let k90 = start;
    while (k90 < this.attackPeakBlock && envelope[k90 & ringMask]! < high) k90++;
    const t90 = crossing(envelope, ringMask, k90, high);
    // Last block at or below 10 % before it (the block holding `base` is one), then its crossing.
    let k10 = k90 - 1;
    while (k10 > start && envelope[k10 & ringMask]! > low) k10--;
    const t10 = crossing(envelope, ringMask, k10 + 1, low);
    this.recordAttack(Math.max(0, t90 - t10) * this.blockDuration);
  }

  private recordAttack(seconds: Seconds): void {
    if (this.attackCount === this.attackTimes.length) {
      const grown = new Float64Array(2 * this.attackTimes.length);
      grown.set(this.attackTimes);
      this.attackTimes = grown;
    }
    this.attackTimes[this.attackCount++] = seconds;
  }
}

/**
 * Fractional block where the envelope crosses `level` between blocks k − 1 and k (rising):
 * k − 1 + (level − e[k−1]) / (e[k] − e[k−1]); k itself when the step is flat.
 */
function crossing(envelope: Float64Array, ringMask: number, k: number, level: number): number {
  const before = envelope[(k - 1) & ringMask]!;
  const at = envelope[k & ringMask]!;
  if (!(at > before)) return k;
  return k - 1 + Math.min(1, Math.max(0, (level - before) / (at - before)));
}

/**
 * Σ(x[n] − x[n−1])² of samples[from, to) into state[1], count into state[2], Σx² into
 * state[3]; state[0] = the last sample.
 */
function differenceEnergyKernel(samples: Float32Array, from: number, to: number, state: Float64Array): void {
  let previous = state[0]!;
  let sum = state[1]!;
  let energy = state[3]!;
  for (let i = from; i < to; i++) {
    const value = samples[i]!;
    const difference = value - previous;
    sum += difference * difference;
    energy += value * value;
    previous = value;
  }
  state[0] = previous;
  state[1] = sum;
  state[2]! += to - from;
  state[3] = energy;
}

/** Linear-interpolated quantile of ascending values (numpy's default). */
export function quantile(sorted: readonly number[], q: number): number {
  const position = q * (sorted.length - 1);
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  return sorted[below]! + (position - below) * (sorted[above]! - sorted[below]!);
}
