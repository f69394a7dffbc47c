/**
 * An AudioSink for tests that records what a decoder did: the order of start, write and
 * end calls, the format, each chunk's length, which ArrayBuffers the chunks came in (to
 * check that scratch buffers are reused), and a copy of every sample, so the streamed
 * track can be compared with the whole-signal decoders sample for sample.
 */
import type { AudioSink, AudioStreamFormat } from "../../core/audio-sink.js";

export interface RecordingSink extends AudioSink {
  /** "start", "write" and "end" in call order. */
  readonly events: readonly string[];
  /** The format start() received, or null before it. */
  readonly format: AudioStreamFormat | null;
  readonly chunkLengths: readonly number[];
  /** For each channel, the distinct ArrayBuffers its chunks were views of. */
  readonly buffersByChannel: readonly Set<ArrayBufferLike>[];
  /** Frames written so far. */
  readonly frames: number;
  /** The chunks concatenated, one array per channel. */
  channels(): Float32Array[];
}

/** A recording sink; `onWrite(index)` runs after each chunk is recorded (to abort or throw mid-stream). */
export function createRecordingSink(onWrite?: (chunkIndex: number) => void): RecordingSink {
  const events: string[] = [];
  const chunkLengths: number[] = [];
  const copies: Float32Array[][] = [];
  const buffersByChannel: Set<ArrayBufferLike>[] = [];
  let format: AudioStreamFormat | null = null;
  let frames = 0;
  return {
    events,
    chunkLengths,
    buffersByChannel,
    get format() {
      return format;
    },
    get frames() {
      return frames;
    },
    start(streamFormat) {
      events.push("start");
      format = streamFormat;
      for (let c = 0; c < streamFormat.channelCount; c++) buffersByChannel.push(new Set());
    },
    write(channels, length) {
      events.push("write");
      if (channels.length !== format?.channelCount) throw new Error(`chunk has ${channels.length} channels`);
      chunkLengths.push(length);
      copies.push(channels.map((channel) => channel.slice(0, length)));
      for (let c = 0; c < channels.length; c++) buffersByChannel[c]!.add(channels[c]!.buffer);
      frames += length;
      onWrite?.(chunkLengths.length - 1);
    },
    end() {
      events.push("end");
    },
    channels() {
      const count = format?.channelCount ?? 0;
      return Array.from({ length: count }, (_, c) => {
        const joined = new Float32Array(frames);
        let at = 0;
        for (const chunk of copies) {
          joined.set(chunk[c]!, at);
          at += chunk[c]!.length;
        }
        return joined;
      });
    },
  };
}

/** Index of the first sample where `a` and `b` differ (as float32 bit patterns), or -1; a length mismatch counts. */
export function firstDifference(a: Float32Array, b: Float32Array): number {
  const length = Math.min(a.length, b.length);
  const bitsA = new Uint32Array(a.buffer, a.byteOffset, length);
  const bitsB = new Uint32Array(b.buffer, b.byteOffset, length);
  for (let i = 0; i < length; i++) if (bitsA[i] !== bitsB[i]) return i;
  return a.length === b.length ? -1 : length;
}
