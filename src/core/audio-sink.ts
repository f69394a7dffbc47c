/**
 * The streaming contract between a decoder and whatever consumes its samples: the
 * format once, then planar chunks in order, then the end. A 60-minute stereo track at
 * 44.1 kHz is 1.27 GB of float samples, so consumers that keep only compact
 * representations (spectra, envelopes, counts) take the chunks as they arrive instead
 * of the whole signal. Decoding the same file in chunks or at once gives the same
 * samples; only the chunk boundaries differ.
 */

/** What a stream carries, known before its first chunk. */
export interface AudioStreamFormat {
  /** Hz, > 0: the rate of the delivered samples (after any resampling). */
  readonly sampleRate: number;
  /** Channels per chunk, ≥ 1 (1 when a mono mix was asked for). */
  readonly channelCount: number;
  /** The declared length in frames at this rate, or null if unknown; the delivered count may differ. */
  readonly expectedFrames: number | null;
}

/** Where a decoder delivers a track: its format once, then planar chunks in order, then the end. */
export interface AudioSink {
  /** Called once, before any chunk. expectedFrames: the declared length in frames at this rate, or null if unknown. */
  start(format: AudioStreamFormat): void;
  /**
   * The next `length` frames (≥ 1): channels[c][0..length) for each channel. The arrays may be
   * views of reused buffers, and may be longer than `length`: valid only during the call (copy
   * what you keep). Throwing stops the decoding, which then rejects with the thrown error.
   */
  write(channels: readonly Float32Array[], length: number): void;
  /** Called once after the last chunk when decoding succeeded (not called on failure). */
  end(): void;
}
