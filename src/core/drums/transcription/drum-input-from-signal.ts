/**
 * A DrumSpectralInput from any mono signal (a mix, a separated drum stem): converted to
 * 22.05 kHz (half-band decimation for power-of-two steps, else the polyphase resampler,
 * as the analysis layer's ingest does), its log-filtered spectrogram (1024/256 Hann frames,
 * 24 bands per octave, log10(1 + 100·x)), the bands of `bandHz` (default all of them), the
 * SuperFlux envelope of each region of DRUM_INPUT_REGION_HZ, and the onset flux above
 * 14 kHz when the source rate has that band. With bandHz = RHYTHM_PASS_BAND_HZ these are,
 * bit for bit, the values the rhythm frame pass gives the "drums" analysis.
 * Memory: the log spectrogram of the whole signal (≈ 43 KB per second).
 * Reference: Böck & Widmer (2013), "Maximum filter vibrato suppression for onset
 *   detection", DAFx-13.
 */
import { decimateByPowerOfTwo, powerOfTwoFactor } from "../../dsp/decimate.js";
import { resample } from "../../dsp/resample.js";
import { HIGH_BAND_FLUX_DEFAULTS, highBandFlux } from "../../rhythm/high-band-flux.js";
import { createLogFilterbank } from "../../rhythm/log-filterbank.js";
import { logFilteredStft } from "../../rhythm/log-filtered-stft.js";
import { regionOnsetStrengths } from "../../rhythm/onset-strength.js";
import {
  DRUM_INPUT_REGION_HZ,
  DRUM_INPUT_RESOLUTION,
  type DrumSpectralInput,
  FULL_BAND_HZ,
} from "./drum-spectral-input.js";

/** λ of the log compression, as the rhythm frame pass. */
const LOG_MULTIPLIER = 100;

export interface DrumInputOptions {
  /** Band centres kept (Hz): from the first band above [0] up to [1]. */
  readonly bandHz: readonly [number, number];
}

export const DRUM_INPUT_DEFAULTS: DrumInputOptions = { bandHz: FULL_BAND_HZ };

export function drumInputFromSignal(
  samples: Float32Array,
  sampleRate: number,
  options: Partial<DrumInputOptions> = {},
): DrumSpectralInput {
  const { bandHz } = { ...DRUM_INPUT_DEFAULTS, ...options };
  if (!(sampleRate > 0)) throw new RangeError(`drumInputFromSignal: sampleRate must be > 0, got ${sampleRate}`);
  const { frameSize, hopSize } = DRUM_INPUT_RESOLUTION;
  const analysisRate = DRUM_INPUT_RESOLUTION.sampleRate;
  const factor = powerOfTwoFactor(sampleRate, analysisRate);
  const converted =
    factor !== null
      ? decimateByPowerOfTwo(samples, factor)
      : resample(samples, sampleRate, analysisRate, { quality: "fast" });
  const bank = createLogFilterbank({ sampleRate: analysisRate, frameSize });
  const spectrogram = logFilteredStft(converted, analysisRate, {
    frameSize,
    hopSize,
    bank,
    multiplier: LOG_MULTIPLIER,
  });
  const { frames } = spectrogram;
  const firstAbove = (hz: number) => {
    const index = bank.centerHz.findIndex((center) => center > hz);
    return index < 0 ? bank.bands : index;
  };
  const from = firstAbove(bandHz[0]);
  const to = Math.max(from, firstAbove(bandHz[1]));
  const bandCount = to - from;
  const bands = new Float32Array(frames * bandCount);
  for (let t = 0; t < frames; t++) {
    bands.set(spectrogram.data.subarray(t * bank.bands + from, t * bank.bands + to), t * bandCount);
  }
  const edges = DRUM_INPUT_REGION_HZ.map(firstAbove);
  edges[0] = 0;
  const regionFlux = regionOnsetStrengths(spectrogram, [...edges, bank.bands]);
  const hasHighBand = sampleRate / 2 > 1.1 * HIGH_BAND_FLUX_DEFAULTS.cutoffHz;
  return {
    frames,
    frameRate: analysisRate / hopSize,
    startSeconds: 0,
    bands,
    bandCenterHz: bank.centerHz.subarray(from, to),
    regionFlux,
    highBandFlux: hasHighBand
      ? highBandFlux(samples, sampleRate, frames, { hopSeconds: hopSize / analysisRate })
      : null,
  };
}
