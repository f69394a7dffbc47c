/**
 * What drum transcription reads of a signal, at the analysis layer's rhythm resolution
 * (22.05 kHz, 1024-sample Hann frames every 256 samples): log-filtered magnitude bands
 * (24 per octave, log10(1 + 100·x), Böck & Widmer 2013), the SuperFlux onset strength of
 * five frequency regions, and, for sources above 30.8 kHz, the onset flux above 14 kHz.
 * Two band ranges are in use: the analysis layer's rhythm frame pass keeps the bands from
 * 60 Hz to 4 kHz (RHYTHM_PASS_BAND_HZ; above that only the region envelopes tell of hi-hats
 * and cymbals), while `drumInputFromSignal` keeps every band from 60 Hz to Nyquist
 * (FULL_BAND_HZ). Each range has its own trained model (transcribe-drums.ts picks it).
 * Reference: Böck & Widmer (2013), "Maximum filter vibrato suppression for onset
 *   detection", DAFx-13 (log-filtered spectrogram, SuperFlux).
 */

/** Analysis rate and STFT of the input (the rhythm resolution of the analysis layer). */
export const DRUM_INPUT_RESOLUTION = { sampleRate: 22_050, frameSize: 1024, hopSize: 256 } as const;

/** Band centres (Hz) the rhythm frame pass keeps: the first band above 60 Hz up to 4 kHz. */
export const RHYTHM_PASS_BAND_HZ = [60, 4000] as const;

/** Band centres (Hz) of a full-band input: every band above 60 Hz. */
export const FULL_BAND_HZ = [60, Number.POSITIVE_INFINITY] as const;

/** Edges (Hz) of the regions whose SuperFlux envelopes the input carries (the last runs to Nyquist). */
export const DRUM_INPUT_REGION_HZ = [0, 120, 250, 2000, 5000] as const;

export interface DrumSpectralInput {
  readonly frames: number;
  /** Frames per second. */
  readonly frameRate: number;
  /** Time of frame 0's centre, seconds (0 for centred frames). */
  readonly startSeconds: number;
  /** log10(1 + 100·x) of the filtered magnitudes x, frames × bandCenterHz.length, frame-major. */
  readonly bands: Float32Array;
  /** Centre frequency of each band (Hz), ascending. */
  readonly bandCenterHz: ArrayLike<number>;
  /** SuperFlux envelope (frames values) of each region of DRUM_INPUT_REGION_HZ. */
  readonly regionFlux: readonly Float32Array[];
  /** Onset flux above 14 kHz (frames values); null when the source has no band there. */
  readonly highBandFlux: Float32Array | null;
}

/** Throws when `input`'s arrays disagree with its frame count (a caller's mistake). */
export function checkDrumSpectralInput(name: string, input: DrumSpectralInput): void {
  const { frames, bands, bandCenterHz, regionFlux, highBandFlux } = input;
  if (!(Number.isInteger(frames) && frames >= 0)) {
    throw new RangeError(`${name}: frames must be a whole number ≥ 0, got ${frames}`);
  }
  if (!(input.frameRate > 0)) throw new RangeError(`${name}: frameRate must be > 0, got ${input.frameRate}`);
  if (bands.length !== frames * bandCenterHz.length) {
    throw new RangeError(
      `${name}: bands must hold frames × bandCenterHz.length = ${frames * bandCenterHz.length} values, got ${bands.length}`,
    );
  }
  if (regionFlux.length !== DRUM_INPUT_REGION_HZ.length) {
    throw new RangeError(`${name}: need ${DRUM_INPUT_REGION_HZ.length} region envelopes, got ${regionFlux.length}`);
  }
  for (const envelope of [...regionFlux, ...(highBandFlux === null ? [] : [highBandFlux])]) {
    if (envelope.length !== frames) {
      throw new RangeError(`${name}: every envelope must hold ${frames} values, got ${envelope.length}`);
    }
  }
}
