/**
 * The analysis context: one per track. It holds what the track ingest computed from the
 * samples in its single streaming pass (level statistics, the tonal and rhythm frame
 * passes' compact results; never the samples themselves) and lazily computes and memoises
 * every representation derived from those (tuning, chroma, onset envelopes, beats, …) so
 * that analyses ask it instead of recomputing: the first asker pays, everyone after gets
 * the same object. It also keeps per-representation compute counts and times for tests
 * and benchmarks.
 */

import type { Accelerators } from "../core/accelerators.js";
import { createRealFft, type RealFft } from "../core/dsp/real-fft.js";
import type { MasteringMetrics } from "../core/mastering/mastering-metrics.js";
import type { AudioSignal } from "../core/types.js";
import type { RhythmFrames } from "./ingest/rhythm-frame-pass.js";
import type { TonalFrames } from "./ingest/tonal-frame-pass.js";
import {
  createTrackIngest,
  type IngestedTrack,
  type IngestPass,
  ingestSignal,
  type LoudnessPassResult,
} from "./ingest/track-ingest.js";
import type { SourceDescription } from "./source-description.js";

export interface RepresentationStats {
  readonly key: string;
  readonly computeCount: number;
  readonly computeSeconds: number;
}

export interface SignalContextOptions {
  /** Makes the FFTs (e.g. the WebAssembly one from src/accel); default the core's own. */
  readonly fftFactory?: (size: number) => RealFft;
  /** Ingest passes to run; default all of them. */
  readonly passes?: readonly IngestPass[];
  /** Faster loops (e.g. `loadAccelerators()` from src/accel); default the TypeScript ones. */
  readonly accelerators?: Accelerators;
}

export const ALL_INGEST_PASSES: readonly IngestPass[] = ["tonal", "rhythm", "loudness", "mastering"];

export class AnalysisContext {
  readonly track: IngestedTrack;
  readonly source: SourceDescription;
  private readonly cache = new Map<string, unknown>();
  private readonly stats = new Map<string, { computeCount: number; computeSeconds: number }>();

  /** Faster loops for the analyses (src/accel); empty: the core's TypeScript ones. */
  readonly accelerators: Accelerators;

  /** Makes the FFTs analyses take after the ingest (the ingest's own factory). */
  readonly fftFactory: (size: number) => RealFft;

  constructor(
    track: IngestedTrack,
    source: SourceDescription = { origin: "signal" },
    accelerators: Accelerators = {},
    fftFactory: (size: number) => RealFft = createRealFft,
  ) {
    this.track = track;
    this.source = source;
    this.accelerators = accelerators;
    this.fftFactory = fftFactory;
  }

  /** A context for a signal already in memory: ingested in chunks, exactly as a decoded file. */
  static fromSignal(
    audio: AudioSignal,
    source: SourceDescription = { origin: "signal" },
    options: SignalContextOptions = {},
  ): AnalysisContext {
    if (audio.channels.length === 0) throw new RangeError("AnalysisContext: audio must have at least one channel");
    if (!(audio.sampleRate > 0)) {
      throw new RangeError(`AnalysisContext: sampleRate must be > 0, got ${audio.sampleRate}`);
    }
    const ingest = createTrackIngest({
      passes: options.passes ?? ALL_INGEST_PASSES,
      fftFactory: options.fftFactory ?? createRealFft,
      accelerators: options.accelerators,
    });
    const track = ingestSignal(audio, ingest);
    return new AnalysisContext(track, source, options.accelerators, options.fftFactory);
  }

  get sampleRate(): number {
    return this.track.sampleRate;
  }

  get durationSeconds(): number {
    return this.track.length / this.track.sampleRate;
  }

  /** The tonal frame pass's results (spectral peaks, frame features). */
  tonalFrames(): TonalFrames {
    if (this.track.tonal === null) throw missingPass("tonal");
    return this.track.tonal;
  }

  /** The loudness pass's BS.1770 meter result, or why the track could not be metered. */
  loudness(): LoudnessPassResult {
    if (this.track.loudness === null) throw missingPass("loudness");
    return this.track.loudness;
  }

  /** The mastering pass's metrics (bands, dynamics, stereo image, transients, balance curve). */
  mastering(): MasteringMetrics {
    if (this.track.mastering === null) throw missingPass("mastering");
    return this.track.mastering;
  }

  /** The rhythm frame pass's results (region onset envelopes, harmony bands, high-band flux). */
  rhythmFrames(): RhythmFrames & { readonly highBandFlux: Float32Array } {
    if (this.track.rhythm === null) throw missingPass("rhythm");
    return this.track.rhythm;
  }

  /**
   * The memo every representation goes through. `key` must name the representation and
   * every parameter that changes it (e.g. `chroma:bass`).
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const started = performance.now();
    const value = compute();
    const entry = this.stats.get(key) ?? { computeCount: 0, computeSeconds: 0 };
    entry.computeCount++;
    entry.computeSeconds += (performance.now() - started) / 1000;
    this.stats.set(key, entry);
    this.cache.set(key, value);
    return value;
  }

  /** Drops every memoised representation. */
  dispose(): void {
    this.cache.clear();
  }

  /** Which representations were computed, how often (1 unless evicted) and how long they took. */
  representationStats(): RepresentationStats[] {
    return [...this.stats].map(([key, entry]) => ({ key, ...entry }));
  }

  /** Drop a representation (e.g. a large one no later analysis needs) to free memory. */
  release(key: string): void {
    this.cache.delete(key);
  }
}

/** A programming error, not a user's: the analysis forgot to declare the pass. */
function missingPass(pass: IngestPass): Error {
  return new Error(
    `the ${pass} pass did not run for this track: an analysis that reads it must list "${pass}" in its passes`,
  );
}
