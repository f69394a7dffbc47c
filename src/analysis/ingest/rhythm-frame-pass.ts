/**
 * The rhythm frame pass: every RHYTHM_STFT frame of the analysis-rate mono mix, as it
 * streams in, goes through the log filterbank (24 bands per octave, log10(1 + λ·x)) and is
 * reduced at once to the SuperFlux onset strength of each frequency region (onsets, tempo,
 * beats, metrical level, downbeats) and the bands of the harmony range (the meter's
 * harmonic-change cue, read per beat after the beats are known). Only those are kept:
 * about 370 bytes per frame instead of the 2 KB magnitude spectrum.
 * Reference: Böck & Widmer (2013), "Maximum filter vibrato suppression for onset
 *   detection", DAFx-13 (log-filtered spectrogram, SuperFlux).
 */
import { createFrameRows } from "../../core/dsp/frame-rows.js";
import type { RealFft } from "../../core/dsp/real-fft.js";
import type { Spectrogram } from "../../core/dsp/spectrogram.js";
import type { RhythmSpectrumKernelFactory } from "../../core/dsp/spectrum-frame-kernels.js";
import { spectrumMagnitudes } from "../../core/dsp/spectrum-magnitudes.js";
import { resolveWindow } from "../../core/dsp/stft.js";
import { createStreamingStft } from "../../core/dsp/stft-framer.js";
import { createLogFilterbank, logFilterFrame } from "../../core/rhythm/log-filterbank.js";
import { createRegionOnsetStrengths } from "../../core/rhythm/onset-strength.js";
import { ANALYSIS_SAMPLE_RATE, RHYTHM_STFT } from "../resolutions.js";

/** Scale of the FFT magnitudes inside log10(1 + λ·x) (the core's FFT is unnormalised). */
const LOG_MULTIPLIER = 100;
/**
 * Edges (Hz) of the frequency regions whose SuperFlux envelopes the rhythm analyses use: kick
 * drum and bass fundamentals, bass and snare body, the mid range (voices, chords, snare),
 * the upper mid range (attacks, snare noise), and cymbals and hi-hats above 5 kHz.
 */
export const ONSET_REGION_HZ = [0, 120, 250, 2000, 5000] as const;
/** Band range (Hz) whose change from beat to beat marks chord changes, a downbeat cue. */
export const HARMONY_HZ = [60, 4000] as const;

export interface RhythmFrames {
  readonly frames: number;
  /** Frames per second. */
  readonly frameRate: number;
  readonly hopSize: number;
  readonly frameSize: number;
  readonly sampleRate: number;
  /** SuperFlux envelope of each region of ONSET_REGION_HZ (frames values each). */
  readonly regionEnvelopes: readonly Float32Array[];
  /** Log-filtered bands of HARMONY_HZ, frames × bands (same time axis). */
  readonly harmony: Spectrogram;
}

export interface RhythmFramePass {
  /** The next samples of the mono mix at ANALYSIS_SAMPLE_RATE. */
  push(samples: Float32Array): void;
  /** Ends the signal (last frames padded as the STFT pads them). */
  finish(): RhythmFrames;
}

/** Index of the first band whose centre lies above `frequency` (the band count if none). */
function firstBandAbove(centerHz: Float64Array, frequency: number): number {
  const index = centerHz.findIndex((center) => center > frequency);
  return index < 0 ? centerHz.length : index;
}

/**
 * A pass sized for about `expectedSamples` samples (grows when there are more). With a
 * `spectrumKernel` (an accelerator), the FFT writes into the kernel's memory and the kernel
 * takes the filterbank and SuperFlux sums; the envelopes and bands are the same bit for bit.
 */
export function createRhythmFramePass(
  fft: RealFft,
  expectedSamples = 0,
  spectrumKernel?: RhythmSpectrumKernelFactory,
): RhythmFramePass {
  const { frameSize, hopSize } = RHYTHM_STFT;
  const sampleRate = RHYTHM_STFT.sampleRate ?? ANALYSIS_SAMPLE_RATE;
  const bank = createLogFilterbank({ sampleRate, frameSize });
  const { bands, centerHz } = bank;
  const edges = ONSET_REGION_HZ.map((hz) => firstBandAbove(centerHz, hz));
  edges[0] = 0;
  const regions = createRegionOnsetStrengths(bands, [...edges, bands]);
  const harmonyFrom = firstBandAbove(centerHz, HARMONY_HZ[0]);
  const harmonyBands = Math.max(0, firstBandAbove(centerHz, HARMONY_HZ[1]) - harmonyFrom);
  const expectedFrames = 1 + Math.floor(expectedSamples / hopSize);
  const regionRows = createFrameRows(regions.regions, expectedFrames);
  const harmonyRows = createFrameRows(Math.max(1, harmonyBands), expectedFrames);
  const magnitude = new Float32Array((frameSize >> 1) + 1);
  const logBands = new Float32Array(bands);
  const window = RHYTHM_STFT.window ?? "hann";
  const kernel =
    spectrumKernel === undefined
      ? null
      : spectrumKernel({
          bins: magnitude.length,
          window: resolveWindow("createRhythmFramePass", window, frameSize),
          bankFirstBin: bank.firstBin,
          bankWeightOffset: bank.weightOffset,
          bankWeights: bank.weights,
          bandRegion: regions.bandRegion,
          regions: regions.regions,
          lag: regions.lag,
          radius: regions.radius,
        });
  const harmonyView = kernel === null ? logBands : kernel.logBands.subarray(harmonyFrom, harmonyFrom + harmonyBands);
  const kernelStft =
    kernel === null
      ? null
      : createStreamingStft(
          {
            frameSize,
            hopSize,
            center: true,
            padMode: "reflect",
            window,
            fft,
            spectrum: kernel.spectrum,
            windowKernel: kernel,
          },
          (t) => {
            kernel.filter();
            kernel.compress(LOG_MULTIPLIER);
            kernel.flux();
            const sums = kernel.regionSums;
            // Rows first, then their data: growing replaces the arrays.
            const at = regionRows.row(t);
            const out = regionRows.data;
            for (let r = 0; r < sums.length; r++) out[at + r] = Number.isFinite(sums[r]!) ? sums[r]! : 0;
            const harmonyRow = harmonyRows.row(t);
            if (harmonyBands > 0) harmonyRows.data.set(harmonyView, harmonyRow);
          },
        );
  const stft =
    kernelStft ??
    createStreamingStft({ frameSize, hopSize, center: true, padMode: "reflect", window, fft }, (t, spectrum) => {
      spectrumMagnitudes(spectrum, magnitude.length, magnitude);
      logFilterFrame(magnitude, 0, bank, LOG_MULTIPLIER, logBands, 0);
      const regionRow = regionRows.row(t); // before reading data: growing replaces the array
      regions.frame(logBands, 0, regionRows.data, regionRow);
      const row = harmonyRows.row(t);
      const harmony = harmonyRows.data;
      for (let b = 0; b < harmonyBands; b++) harmony[row + b] = logBands[harmonyFrom + b]!;
    });
  return {
    push: (samples) => stft.push(samples),
    finish() {
      const frames = stft.finish();
      kernel?.dispose?.();
      const flux = regionRows.finish();
      const regionEnvelopes = Array.from({ length: regions.regions }, (_, r) => {
        const envelope = new Float32Array(frames);
        for (let t = 0; t < frames; t++) envelope[t] = flux[t * regions.regions + r]!;
        return envelope;
      });
      const harmonyData = harmonyRows.finish();
      return {
        frames,
        frameRate: sampleRate / hopSize,
        hopSize,
        frameSize,
        sampleRate,
        regionEnvelopes,
        harmony: {
          frames,
          bins: harmonyBands,
          hopSize,
          frameSize,
          sampleRate,
          center: true,
          data: harmonyBands > 0 ? harmonyData : new Float32Array(0),
        },
      };
    },
  };
}
