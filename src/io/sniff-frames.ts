/**
 * Validates raw frame headers of the two formats that have no file-level magic
 * number: MPEG-1/2/2.5 audio (MP3, MP2) and AAC in ADTS. A lone sync word is common
 * in random data, so a header only counts when all of its fields are legal and, when
 * the bytes are there, a second valid header follows exactly one frame later.
 * References: ISO/IEC 11172-3 §2.4.1.3 and ISO/IEC 13818-3 (MPEG audio frame header);
 * ISO/IEC 13818-7 §6.2 (adts_fixed_header, adts_variable_header).
 */

/** A parsed MPEG audio frame header. */
export interface MpegFrameHeader {
  readonly kind: "mpeg";
  /** 1 for MPEG-1, 2 for MPEG-2, 2.5 for MPEG-2.5. */
  readonly version: 1 | 2 | 2.5;
  readonly layer: 1 | 2 | 3;
  readonly sampleRate: number;
  /** Bits per second. */
  readonly bitRate: number;
  readonly channels: 1 | 2;
  readonly frameBytes: number;
}

/** A parsed ADTS (AAC) frame header. */
export interface AdtsFrameHeader {
  readonly kind: "adts";
  readonly sampleRate: number;
  /** 0 when the channel configuration is carried in-band. */
  readonly channels: number;
  readonly frameBytes: number;
}

const MPEG_SAMPLE_RATES: Record<number, readonly number[]> = {
  3: [44100, 48000, 32000],
  2: [22050, 24000, 16000],
  0: [11025, 12000, 8000],
};

// kbit/s per bitrate index 0..14, index 0 being "free format".
const BITRATES_V1 = [
  [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
  [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
] as const;
const BITRATES_V2 = [
  [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
] as const;

const ADTS_SAMPLE_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/** Parses the MPEG audio frame header at `offset`, or returns null if it is not a legal one. Free format is rejected. */
export function parseMpegFrameHeader(bytes: Uint8Array, offset: number): MpegFrameHeader | null {
  if (offset + 4 > bytes.length) return null;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  const b3 = bytes[offset + 3]!;
  if (bytes[offset] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const versionBits = (b1 >> 3) & 3;
  const layerBits = (b1 >> 1) & 3;
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (versionBits === 1 || layerBits === 0 || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  if ((b3 & 3) === 2) return null; // reserved emphasis
  const layer = (4 - layerBits) as 1 | 2 | 3;
  const version = versionBits === 3 ? 1 : versionBits === 2 ? 2 : 2.5;
  const table = version === 1 ? BITRATES_V1 : BITRATES_V2;
  const bitRate = table[layer - 1]![bitrateIndex]! * 1000;
  const sampleRate = MPEG_SAMPLE_RATES[versionBits]![rateIndex]!;
  const padding = (b2 >> 1) & 1;
  let frameBytes: number;
  if (layer === 1) frameBytes = (Math.floor((12 * bitRate) / sampleRate) + padding) * 4;
  else if (layer === 3 && version !== 1) frameBytes = Math.floor((72 * bitRate) / sampleRate) + padding;
  else frameBytes = Math.floor((144 * bitRate) / sampleRate) + padding;
  const channels = b3 >> 6 === 3 ? 1 : 2;
  return { kind: "mpeg", version, layer, sampleRate, bitRate, channels, frameBytes };
}

/** Parses the ADTS header at `offset`, or returns null if it is not a legal one. */
export function parseAdtsFrameHeader(bytes: Uint8Array, offset: number): AdtsFrameHeader | null {
  if (offset + 7 > bytes.length) return null;
  const b1 = bytes[offset + 1]!;
  const b2 = bytes[offset + 2]!;
  const b3 = bytes[offset + 3]!;
  // 12-bit sync, then layer must be 00.
  if (bytes[offset] !== 0xff || (b1 & 0xf6) !== 0xf0) return null;
  const rateIndex = (b2 >> 2) & 0x0f;
  if (rateIndex >= ADTS_SAMPLE_RATES.length) return null;
  const frameBytes = ((b3 & 3) << 11) | (bytes[offset + 4]! << 3) | (bytes[offset + 5]! >> 5);
  const headerBytes = (b1 & 1) === 1 ? 7 : 9;
  if (frameBytes < headerBytes) return null;
  const channels = ((b2 & 1) << 2) | (b3 >> 6);
  return { kind: "adts", sampleRate: ADTS_SAMPLE_RATES[rateIndex]!, channels, frameBytes };
}

/**
 * Finds a run of valid frames starting at `offset`: the header there must be legal
 * and so must the next one (same sample rate), unless the bytes end with the first
 * frame. `bytes` is the whole file or at least its first few frames.
 * Returns the first header, or null.
 */
export function sniffFrameRun(bytes: Uint8Array, offset: number): MpegFrameHeader | AdtsFrameHeader | null {
  const first = parseAdtsFrameHeader(bytes, offset) ?? parseMpegFrameHeader(bytes, offset);
  if (first === null) return null;
  const nextOffset = offset + first.frameBytes;
  if (nextOffset + 7 > bytes.length) {
    // A single frame counts only if the data ends with it (allowing a 128-byte ID3v1 tag).
    return nextOffset <= bytes.length && nextOffset >= bytes.length - 128 ? first : null;
  }
  const second =
    first.kind === "adts" ? parseAdtsFrameHeader(bytes, nextOffset) : parseMpegFrameHeader(bytes, nextOffset);
  if (second === null || second.sampleRate !== first.sampleRate) return null;
  return first;
}
