/**
 * The byte-level half of WAV writing, shared by the streaming writer and the
 * in-memory encoder: the header (PCM or IEEE float; WAVE_FORMAT_EXTENSIBLE for
 * 24-bit or more than two channels; RF64 with a ds64 chunk past 4 GiB) and the
 * conversion of planar float frames to interleaved little-endian samples, with
 * rounding, clipping to the integer range and optional TPDF dither (±1 LSB
 * triangular, Lipshitz, Wannamaker & Vanderkooy, JAES 40(5), 1992).
 * References: Microsoft RIFF/WAVE and WAVEFORMATEXTENSIBLE; EBU Tech 3306 (RF64).
 */
import type { AudioSignal } from "../core/types.js";

/** Sample formats the writer produces. */
export type WavSampleFormat = "pcm16" | "pcm24" | "float32";

export const WAV_SAMPLE_BYTES: Readonly<Record<WavSampleFormat, number>> = { pcm16: 2, pcm24: 3, float32: 4 };

const CHANNEL_MASKS = [0, 0x4, 0x3, 0x7, 0x33, 0x37, 0x3f, 0x70f, 0x63f];
const GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];
const RIFF_LIMIT = 0xffffffff;

/** Builds the header of a WAV (or RF64, when needed) holding `frames` frames. */
export function wavHeader(format: WavSampleFormat, channels: number, sampleRate: number, frames: number): Uint8Array {
  const sampleBytes = WAV_SAMPLE_BYTES[format];
  const blockAlign = channels * sampleBytes;
  const dataBytes = frames * blockAlign;
  const extensible = format === "pcm24" || channels > 2;
  const isFloat = format === "float32";
  const fmtBytes = extensible ? 40 : isFloat ? 18 : 16;
  const factBytes = isFloat && !extensible ? 12 : 0;
  const baseHeaderBytes = 12 + 8 + fmtBytes + factBytes + 8;
  const rf64 = baseHeaderBytes + 36 - 8 + dataBytes + (dataBytes & 1) > RIFF_LIMIT;
  const headerBytes = baseHeaderBytes + (rf64 ? 36 : 0);
  const bytes = new Uint8Array(headerBytes);
  const view = new DataView(bytes.buffer);
  let at = 0;
  const tag = (text: string) => {
    for (let i = 0; i < 4; i++) bytes[at + i] = text.charCodeAt(i);
    at += 4;
  };
  const u16 = (value: number) => {
    view.setUint16(at, value, true);
    at += 2;
  };
  const u32 = (value: number) => {
    view.setUint32(at, value, true);
    at += 4;
  };
  const u64 = (value: number) => {
    u32(value % 2 ** 32);
    u32(Math.floor(value / 2 ** 32));
  };
  const riffBytes = headerBytes - 8 + dataBytes + (dataBytes & 1);
  tag(rf64 ? "RF64" : "RIFF");
  u32(rf64 ? RIFF_LIMIT : riffBytes);
  tag("WAVE");
  if (rf64) {
    tag("ds64");
    u32(28);
    u64(riffBytes);
    u64(dataBytes);
    u64(frames);
    u32(0);
  }
  tag("fmt ");
  u32(fmtBytes);
  u16(extensible ? 0xfffe : isFloat ? 3 : 1);
  u16(channels);
  u32(sampleRate);
  u32(sampleRate * blockAlign);
  u16(blockAlign);
  u16(sampleBytes * 8);
  if (extensible) {
    u16(22);
    u16(sampleBytes * 8);
    u32(CHANNEL_MASKS[channels] ?? 0);
    u16(isFloat ? 3 : 1);
    for (const value of GUID_TAIL) bytes[at++] = value;
  } else if (isFloat) {
    u16(0);
  }
  if (factBytes > 0) {
    tag("fact");
    u32(4);
    u32(Math.min(frames, RIFF_LIMIT));
  }
  tag("data");
  u32(rf64 ? RIFF_LIMIT : dataBytes);
  return bytes;
}

/** State carried between chunks: the dither generator and the clip count. */
export interface WavEncoderState {
  dither: boolean;
  randomState: number;
  clippedSamples: number;
}

export function createWavEncoderState(dither: boolean, seed = 0x9e3779b9): WavEncoderState {
  return { dither, randomState: seed >>> 0 || 1, clippedSamples: 0 };
}

/**
 * Writes frames [start, start + count) of `signal` into `out` (offset 0, which must
 * be aligned to the sample size) as interleaved samples. Non-finite values become 0
 * (NaN) or full scale (±Infinity); integers are clipped and counted in `state`.
 */
export function encodeWavFrames(
  signal: AudioSignal,
  start: number,
  count: number,
  format: WavSampleFormat,
  out: Uint8Array,
  state: WavEncoderState,
): void {
  const channelCount = signal.channels.length;
  if (format === "float32") {
    const samples = new Float32Array(out.buffer, out.byteOffset, count * channelCount);
    for (let channel = 0; channel < channelCount; channel++) {
      const input = signal.channels[channel]!;
      for (let frame = 0, at = channel; frame < count; frame++, at += channelCount) {
        const value = input[start + frame]!;
        samples[at] = Number.isFinite(value) ? value : Number.isNaN(value) ? 0 : Math.sign(value);
      }
    }
    return;
  }
  const full = format === "pcm16" ? 32768 : 8388608;
  const samples16 = format === "pcm16" ? new Int16Array(out.buffer, out.byteOffset, count * channelCount) : null;
  let random = state.randomState;
  let clipped = 0;
  for (let frame = 0, at = 0; frame < count; frame++) {
    for (let channel = 0; channel < channelCount; channel++, at++) {
      const value = signal.channels[channel]![start + frame]!;
      let scaled = Number.isNaN(value) ? 0 : value * full;
      if (state.dither) {
        // Two uniform variates from xorshift32 give triangular noise of ±1 LSB.
        random ^= random << 13;
        random ^= random >>> 17;
        random ^= random << 5;
        const first = (random >>> 0) / 4294967296;
        random ^= random << 13;
        random ^= random >>> 17;
        random ^= random << 5;
        scaled += first - (random >>> 0) / 4294967296;
      }
      let integer = Math.round(scaled);
      if (integer > full - 1) {
        if (integer > full) clipped++; // +1.0 itself rounds to full − 1 without counting
        integer = full - 1;
      } else if (integer < -full) {
        integer = -full;
        clipped++;
      }
      if (samples16 !== null) {
        samples16[at] = integer;
      } else {
        const byte = at * 3;
        out[byte] = integer & 0xff;
        out[byte + 1] = (integer >> 8) & 0xff;
        out[byte + 2] = (integer >> 16) & 0xff;
      }
    }
  }
  state.randomState = random;
  state.clippedSamples += clipped;
}
