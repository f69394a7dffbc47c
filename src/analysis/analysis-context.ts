/**
 * The analysis context: one per decoded track. It holds the signal and lazily computes
 * and memoises every shared representation (mono mix, spectrograms, …) so that analyses
 * ask it instead of recomputing: the first asker pays, everyone after gets the same
 * object. It also keeps per-representation compute counts and times for tests and
 * benchmarks.
 */
import { decimateByPowerOfTwo, powerOfTwoFactor } from "../core/dsp/decimate.js";
import { createRealFft, type RealFft } from "../core/dsp/real-fft.js";
import { resample } from "../core/dsp/resample.js";
import { magnitudeSpectrogram, type Spectrogram, type Stft } from "../core/dsp/spectrogram.js";
import { magnitudeStft, stft } from "../core/dsp/stft.js";
import type { WindowKind } from "../core/dsp/windows.js";
import { mixToMono } from "../core/signal/mix-to-mono.js";
import type { AudioSignal } from "../core/types.js";
import { signalDuration } from "../core/types.js";
import type { SourceDescription } from "./source-description.js";

export interface RepresentationStats {
  readonly key: string;
  readonly computeCount: number;
  readonly computeSeconds: number;
}

/** Parameters of a spectral representation of the mono mix. */
export interface SpectralResolution {
  /** Analysis sample rate of the mono mix (Hz); default the signal's own. */
  readonly sampleRate?: number;
  /** FFT size; a power of two. */
  readonly frameSize: number;
  readonly hopSize: number;
  readonly window?: WindowKind;
}

export interface AnalysisContextOptions {
  /** Makes the FFTs (e.g. the WebAssembly one from src/accel); default the core's own. */
  readonly fftFactory?: (size: number) => RealFft;
}

export class AnalysisContext {
  readonly audio: AudioSignal;
  readonly source: SourceDescription;
  private readonly cache = new Map<string, unknown>();
  private readonly stats = new Map<string, { computeCount: number; computeSeconds: number }>();
  private readonly fftFactory: (size: number) => RealFft;
  private readonly ffts = new Map<number, RealFft>();

  constructor(
    audio: AudioSignal,
    source: SourceDescription = { origin: "signal" },
    options: AnalysisContextOptions = {},
  ) {
    this.fftFactory = options.fftFactory ?? createRealFft;
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

  /**
   * Mono mix at `sampleRate` (Hz); the signal's own rate returns `mono()` itself. A power-of-
   * two step down (44.1 → 22.05 kHz) goes through half-band decimation (≥ 80 dB, cheap);
   * other ratios through the band-limited polyphase resampler at its 70 dB setting, which
   * is ample for analysis (it is not used to produce audio anyone listens to).
   */
  monoAt(sampleRate: number): Float32Array {
    if (sampleRate === this.sampleRate) return this.mono();
    return this.memo(`mono@${sampleRate}`, () => {
      const factor = powerOfTwoFactor(this.sampleRate, sampleRate);
      if (factor !== null) return decimateByPowerOfTwo(this.mono(), factor);
      return resample(this.mono(), this.sampleRate, sampleRate, { quality: "fast" });
    });
  }

  /** One FFT object per size, shared by every representation that needs that size. */
  fft(size: number): RealFft {
    let fft = this.ffts.get(size);
    if (!fft) {
      fft = this.fftFactory(size);
      this.ffts.set(size, fft);
    }
    return fft;
  }

  /** Complex STFT of the mono mix (centred frames, reflect padding). */
  stft(resolution: SpectralResolution): Stft {
    const rate = resolution.sampleRate ?? this.sampleRate;
    const window = resolution.window ?? "hann";
    return this.memo(`stft@${rate}:${resolution.frameSize}:${resolution.hopSize}:${window}`, () =>
      stft(this.monoAt(rate), rate, {
        frameSize: resolution.frameSize,
        hopSize: resolution.hopSize,
        window,
        fft: this.fft(resolution.frameSize),
      }),
    );
  }

  /**
   * Magnitude spectrogram of the mono mix. Computed frame by frame without keeping the
   * complex STFT (half the memory); if the complex STFT of the same resolution is already
   * memoised, it is derived from that instead.
   */
  magnitudeSpectrogram(resolution: SpectralResolution): Spectrogram {
    const rate = resolution.sampleRate ?? this.sampleRate;
    const window = resolution.window ?? "hann";
    const suffix = `${rate}:${resolution.frameSize}:${resolution.hopSize}:${window}`;
    return this.memo(`magnitude@${suffix}`, () => {
      const complex = this.cache.get(`stft@${suffix}`) as Stft | undefined;
      if (complex) return magnitudeSpectrogram(complex);
      return magnitudeStft(this.monoAt(rate), rate, {
        frameSize: resolution.frameSize,
        hopSize: resolution.hopSize,
        window,
        fft: this.fft(resolution.frameSize),
      });
    });
  }

  /** Frees what the context holds outside the JavaScript heap (WebAssembly FFT memory). */
  dispose(): void {
    for (const fft of this.ffts.values()) (fft as { dispose?: () => void }).dispose?.();
    this.ffts.clear();
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
