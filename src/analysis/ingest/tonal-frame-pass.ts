/**
 * The tonal frame pass: every TONAL_STFT frame of the analysis-rate mono mix, as it
 * streams in, is reduced at once to what later analyses read: its spectral peaks (tuning,
 * chroma, key, chords) and its timbre features (centroid … MFCC: feature summaries and
 * series, structure). The magnitude spectrum itself is never kept, so memory grows by
 * about 1 KB per frame (≈ 2 KB per second of audio) instead of the spectrogram's 4 KB per frame.
 */
import type { Accelerators } from "../../core/accelerators.js";
import { createFrameRows } from "../../core/dsp/frame-rows.js";
import type { RealFft } from "../../core/dsp/real-fft.js";
import { spectrumMagnitudes } from "../../core/dsp/spectrum-magnitudes.js";
import { resolveWindow } from "../../core/dsp/stft.js";
import { createStreamingStft } from "../../core/dsp/stft-framer.js";
import { createFrameFeatureRows, type FrameFeatures } from "../../core/features/frame-features.js";
import {
  createSpectralPeakPicker,
  SPECTRAL_PEAKS_DEFAULTS,
  type SpectralPeaks,
} from "../../core/features/spectral-peaks.js";
import { ANALYSIS_SAMPLE_RATE, TONAL_STFT } from "../resolutions.js";

export interface TonalFrames {
  readonly peaks: SpectralPeaks;
  readonly features: FrameFeatures;
}

export interface TonalFramePass {
  /** The next samples of the mono mix at ANALYSIS_SAMPLE_RATE. */
  push(samples: Float32Array): void;
  /** Ends the signal (last frames padded as the STFT pads them). */
  finish(): TonalFrames;
}

/**
 * A pass sized for about `expectedSamples` samples (grows when there are more). With a
 * `tonalSpectrumKernel` accelerator, the FFT writes into the kernel's memory and one kernel
 * call per frame takes every sum over the magnitudes; with `foldedDct`, the MFCCs' DCT runs
 * in it too. The features are the same bit for bit either way.
 */
export function createTonalFramePass(
  fft: RealFft,
  expectedSamples = 0,
  accelerators: Pick<Accelerators, "tonalSpectrumKernel" | "foldedDct"> = {},
): TonalFramePass {
  const spectrumKernel = accelerators.tonalSpectrumKernel;
  const { frameSize, hopSize } = TONAL_STFT;
  const sampleRate = TONAL_STFT.sampleRate ?? ANALYSIS_SAMPLE_RATE;
  const bins = (frameSize >> 1) + 1;
  const expectedFrames = 1 + Math.floor(expectedSamples / hopSize);
  const picker = createSpectralPeakPicker({ sampleRate, frameSize }, SPECTRAL_PEAKS_DEFAULTS);
  const { maxPeaksPerFrame } = picker;
  const counts = createFrameRows(1, expectedFrames);
  const frequencies = createFrameRows(maxPeaksPerFrame, expectedFrames);
  const magnitudes = createFrameRows(maxPeaksPerFrame, expectedFrames);
  const midiPitches = createFrameRows(maxPeaksPerFrame, expectedFrames);
  const features = createFrameFeatureRows(
    { sampleRate, frameSize, hopSize, center: true },
    {},
    expectedFrames,
    accelerators.foldedDct,
  );
  const magnitude = new Float32Array(bins);
  const window = TONAL_STFT.window ?? "hann";
  const kernel =
    spectrumKernel === undefined
      ? null
      : spectrumKernel({
          bins,
          window: resolveWindow("createTonalFramePass", window, frameSize),
          ...features.spectrumLayout,
          peakFrom: picker.firstBin,
          peakThrough: picker.lastBin,
          peakFloor: picker.floor,
        });
  const stft =
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
          (t, _spectrum, frame, validFrom, validTo) => {
            const found = kernel.run();
            const base = frequencies.row(t);
            magnitudes.row(t);
            midiPitches.row(t);
            const countRow = counts.row(t); // before reading data: growing replaces the array
            counts.data[countRow] = picker.pickCandidates(
              kernel.magnitudes,
              0,
              kernel.candidateBins,
              kernel.candidateMagnitudes,
              found,
              frequencies.data,
              magnitudes.data,
              midiPitches.data,
              base,
            );
            features.frameFromKernel(kernel, frame, validFrom, validTo);
          },
        );
  const framer =
    stft ??
    createStreamingStft(
      { frameSize, hopSize, center: true, padMode: "reflect", window, fft },
      (t, spectrum, frame, validFrom, validTo) => {
        spectrumMagnitudes(spectrum, magnitude.length, magnitude);
        const base = frequencies.row(t);
        magnitudes.row(t);
        midiPitches.row(t);
        const countRow = counts.row(t); // before reading data: growing replaces the array
        counts.data[countRow] = picker.pick(magnitude, 0, frequencies.data, magnitudes.data, midiPitches.data, base);
        features.frame(magnitude, 0, frame, validFrom, validTo);
      },
    );
  return {
    push: (samples) => framer.push(samples),
    finish() {
      const frames = framer.finish();
      kernel?.dispose?.();
      return {
        peaks: {
          frames,
          maxPeaksPerFrame,
          counts: Int32Array.from(counts.finish()),
          frequencies: frequencies.finish(),
          magnitudes: magnitudes.finish(),
          midiPitches: midiPitches.finish(),
          hopSize,
          frameSize,
          sampleRate,
          center: true,
        },
        features: features.finish(),
      };
    },
  };
}
