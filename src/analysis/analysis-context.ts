/**
 * The analysis context: one per decoded track. It holds the signal and lazily computes
 * and memoises every shared representation (mono mix, spectrograms, …) so that analyses
 * ask it instead of recomputing: the first asker pays, everyone after gets the same
 * object. It also keeps per-representation compute counts and times for tests and
 * benchmarks.
 */
import { mixToMono } from "../core/signal/mix-to-mono.js";
import type { AudioSignal } from "../core/types.js";
import { signalDuration } from "../core/types.js";
import type { SourceDescription } from "./source-description.js";

export interface RepresentationStats {
  readonly key: string;
  readonly computeCount: number;
  readonly computeSeconds: number;
}

export class AnalysisContext {
  readonly audio: AudioSignal;
  readonly source: SourceDescription;
  private readonly cache = new Map<string, unknown>();
  private readonly stats = new Map<string, { computeCount: number; computeSeconds: number }>();

  constructor(audio: AudioSignal, source: SourceDescription = { origin: "signal" }) {
    if (audio.channels.length === 0) throw new RangeError("AnalysisContext: audio must have at least one channel");
    const length = audio.channels[0]!.length;
    if (audio.channels.some((channel) => channel.length !== length)) {
      throw new RangeError("AnalysisContext: all channels must have the same length");
    }
    if (!(audio.sampleRate > 0)) {
      throw new RangeError(`AnalysisContext: sampleRate must be > 0, got ${audio.sampleRate}`);
    }
    this.audio = audio;
    this.source = source;
  }

  get sampleRate(): number {
    return this.audio.sampleRate;
  }

  get durationSeconds(): number {
    return signalDuration(this.audio);
  }

  /**
   * The memo every representation goes through. `key` must name the representation and
   * every parameter that changes it (e.g. `stft:2048:512:hann`).
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

  /** Mono mix (channel average) at the signal's own rate. */
  mono(): Float32Array {
    return this.memo("mono", () => mixToMono(this.audio));
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
