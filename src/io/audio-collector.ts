/**
 * An AudioSink that keeps the whole track: it collects the chunks of a decoded stream
 * into planar Float32Arrays (a PlanarAccumulator), preallocated at start() from the
 * declared length plus headroom for codec padding and estimates that run short. This is
 * what turns the streaming decoders back into whole-signal ones (decodeAudio, readWav,
 * decodeWithFfmpeg). Memory: one float copy of the audio; regrowth and the final trim copy
 * one channel at a time, so two full copies never exist at once.
 */
import type { AudioSink, AudioStreamFormat } from "../core/audio-sink.js";
import type { AudioSignal } from "../core/types.js";
import { createPlanarAccumulator, type PlanarAccumulator } from "./planar-accumulator.js";

export interface AudioCollectorOptions {
  /** Capacity beyond expectedFrames as a fraction of it, ≥ 0; 0 when the decoder knows the exact length. */
  readonly headroomFraction: number;
  /** Capacity beyond expectedFrames in seconds, ≥ 0 (also the first allocation when the length is unknown). */
  readonly headroomSeconds: number;
}

/** 1 % plus one second absorbs codec padding and header rounding without a regrowth. */
export const AUDIO_COLLECTOR_DEFAULTS: AudioCollectorOptions = { headroomFraction: 0.01, headroomSeconds: 1 };

/** Headroom for decoders that deliver exactly `expectedFrames` (tonearm's WAV reader). */
export const EXACT_LENGTH_HEADROOM: AudioCollectorOptions = { headroomFraction: 0, headroomSeconds: 0 };

export interface AudioCollector extends AudioSink {
  /** Frames collected so far. */
  readonly length: number;
  /** The collected signal, each channel exactly `length` long. Call once, after end(). */
  finish(): AudioSignal;
}

/** Creates a sink that collects a whole stream into planar channels. */
export function createAudioCollector(options: Partial<AudioCollectorOptions> = {}): AudioCollector {
  const { headroomFraction, headroomSeconds } = { ...AUDIO_COLLECTOR_DEFAULTS, ...options };
  if (!(headroomFraction >= 0) || !(headroomSeconds >= 0)) {
    throw new RangeError(
      `createAudioCollector: headroom must be ≥ 0, got fraction ${headroomFraction}, seconds ${headroomSeconds}`,
    );
  }
  let format: AudioStreamFormat | null = null;
  let accumulator: PlanarAccumulator | null = null;
  let ended = false;

  return {
    start(streamFormat) {
      if (format !== null) throw new Error("AudioCollector: start() called twice");
      format = streamFormat;
      const expected = (streamFormat.expectedFrames ?? 0) * (1 + headroomFraction);
      accumulator = createPlanarAccumulator(
        streamFormat.channelCount,
        false,
        expected + headroomSeconds * streamFormat.sampleRate,
      );
    },
    write(channels, length) {
      if (accumulator === null || ended) throw new Error("AudioCollector: write() outside start() … end()");
      accumulator.appendPlanar(channels, length);
    },
    end() {
      if (accumulator === null) throw new Error("AudioCollector: end() before start()");
      ended = true;
    },
    get length() {
      return accumulator?.length ?? 0;
    },
    finish() {
      if (format === null || accumulator === null || !ended) throw new Error("AudioCollector: finish() before end()");
      return { channels: accumulator.finish(), sampleRate: format.sampleRate };
    },
  };
}
