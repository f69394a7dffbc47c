/**
 * Parses the header of a RIFF/WAVE or RF64/BW64 file by walking its chunks with
 * small positional reads (the audio data is never loaded): `fmt ` (PCM, IEEE float,
 * WAVE_FORMAT_EXTENSIBLE with its SubFormat GUID, compressed tags), `ds64` for RF64,
 * and the position and size of `data`. Unknown chunks are skipped, honouring the
 * pad byte after odd-sized chunks. A data size of 0 or 0xFFFFFFFF (recordings
 * streamed before their length was known) means "to the end of the file".
 * References: Microsoft "Multimedia Programming Interface and Data Specifications
 * 1.0" (RIFF, WAVE), "WAVEFORMATEXTENSIBLE" (mmreg.h, ksmedia.h); EBU Tech 3306
 * (RF64) and ITU-R BS.2088 (BW64).
 */
import type { FileHandle } from "node:fs/promises";
import { TonearmError } from "../analysis/errors.js";
import { displayName } from "./audio-file.js";
import type { PcmEncoding } from "./pcm-deinterleave.js";

/** What a WAV header says, and how much of it the file really holds. */
export interface WavHeader {
  readonly container: "wav" | "rf64";
  /** The format tag (the SubFormat's for WAVE_FORMAT_EXTENSIBLE). */
  readonly formatTag: number;
  readonly extensible: boolean;
  /** The sample encoding when tonearm reads it itself; null for compressed formats (left to ffmpeg). */
  readonly encoding: PcmEncoding | null;
  /** ffmpeg-style codec name: "pcm_s16le", "adpcm_ms", "pcm_mulaw", … */
  readonly codec: string;
  readonly channels: number;
  readonly sampleRate: number;
  /** Container bits per sample (wBitsPerSample). */
  readonly bitsPerSample: number;
  /** Significant bits (wValidBitsPerSample of EXTENSIBLE, else bitsPerSample). */
  readonly validBitsPerSample: number;
  readonly blockAlign: number;
  /** Byte offset of the first sample. */
  readonly dataOffset: number;
  /** Data size the header declares; null when it says 0 or 0xFFFFFFFF (read to end of file). */
  readonly declaredDataBytes: number | null;
  /** Whole frames' worth of data bytes present in the file (at most the declared size). */
  readonly availableDataBytes: number;
}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
/** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE_* GUID derived from a format tag. */
const SUBTYPE_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

const COMPRESSED_CODECS: Readonly<Record<number, string>> = {
  2: "adpcm_ms",
  6: "pcm_alaw",
  7: "pcm_mulaw",
  17: "adpcm_ima_wav",
  49: "gsm_ms",
  80: "mp2",
  85: "mp3",
  146: "ac3",
  353: "wmav2",
  8192: "ac3",
  61868: "flac",
};

interface FmtChunk {
  formatTag: number;
  extensible: boolean;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
  validBitsPerSample: number;
}

function corrupt(path: string, what: string): TonearmError {
  return new TonearmError("CORRUPT_AUDIO", `${displayName(path)}: damaged WAV file (${what})`, { path });
}

async function readAt(handle: FileHandle, position: number, length: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(length);
  const { bytesRead } = await handle.read(bytes, 0, length, position);
  return bytes.subarray(0, bytesRead);
}

function fourCc(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(bytes[at]!, bytes[at + 1]!, bytes[at + 2]!, bytes[at + 3]!);
}

function parseFmt(bytes: Uint8Array, path: string): FmtChunk {
  if (bytes.length < 16) throw corrupt(path, "its fmt chunk is too short");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let formatTag = view.getUint16(0, true);
  const bitsPerSample = view.getUint16(14, true);
  let validBitsPerSample = bitsPerSample;
  const extensible = formatTag === WAVE_FORMAT_EXTENSIBLE;
  if (extensible) {
    if (bytes.length < 40) throw corrupt(path, "its WAVE_FORMAT_EXTENSIBLE fmt chunk is too short");
    validBitsPerSample = view.getUint16(18, true) || bitsPerSample;
    const standardGuid = SUBTYPE_GUID_TAIL.every((value, i) => bytes[26 + i] === value);
    formatTag = standardGuid ? view.getUint16(24, true) : -1;
  }
  return {
    formatTag,
    extensible,
    channels: view.getUint16(2, true),
    sampleRate: view.getUint32(4, true),
    blockAlign: view.getUint16(12, true),
    bitsPerSample,
    validBitsPerSample,
  };
}

/** The encoding tonearm reads itself, or null when the format is compressed or unusual. */
function pcmEncoding(fmt: FmtChunk): PcmEncoding | null {
  const containerBytes = fmt.channels > 0 ? fmt.blockAlign / fmt.channels : 0;
  if (fmt.formatTag === WAVE_FORMAT_PCM) {
    if (containerBytes === 1) return "pcm_u8";
    if (containerBytes === 2) return "pcm_s16le";
    if (containerBytes === 3) return "pcm_s24le";
    if (containerBytes === 4) return "pcm_s32le";
  }
  if (fmt.formatTag === WAVE_FORMAT_IEEE_FLOAT) {
    if (containerBytes === 4) return "pcm_f32le";
    if (containerBytes === 8) return "pcm_f64le";
  }
  return null;
}

function uint64(view: DataView, at: number): number {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}

/** Reads and checks the header of the WAV or RF64 file open in `handle`. Throws CORRUPT_AUDIO. */
export async function readWavHeader(handle: FileHandle, fileSize: number, path: string): Promise<WavHeader> {
  const riff = await readAt(handle, 0, 12);
  const magic = riff.length === 12 ? fourCc(riff, 0) : "";
  if (!["RIFF", "RF64", "BW64"].includes(magic) || fourCc(riff, 8) !== "WAVE") {
    throw corrupt(path, "no RIFF/WAVE header");
  }
  const container = magic === "RIFF" ? "wav" : "rf64";
  let fmt: FmtChunk | null = null;
  let ds64DataBytes: number | null = null;
  let data: { offset: number; declared: number | null } | null = null;
  let position = 12;
  while (position + 8 <= fileSize && (fmt === null || data === null)) {
    const head = await readAt(handle, position, 8);
    if (head.length < 8) break;
    const id = fourCc(head, 0);
    const size = new DataView(head.buffer).getUint32(4, true);
    if (id === "fmt ") {
      fmt = parseFmt(await readAt(handle, position + 8, Math.min(size, 64)), path);
    } else if (id === "ds64" && size >= 16) {
      ds64DataBytes = uint64(new DataView((await readAt(handle, position + 8, 16)).buffer), 8);
    } else if (id === "data") {
      const sizeField = size === 0xffffffff && ds64DataBytes !== null ? ds64DataBytes : size;
      const declared = sizeField === 0 || sizeField === 0xffffffff ? null : sizeField;
      data = { offset: position + 8, declared };
      // Only a data chunk of known, plausible size can be stepped over to find a later fmt.
      if (declared === null || position + 8 + declared > fileSize) break;
      position += 8 + declared + (declared & 1);
      continue;
    }
    position += 8 + size + (size & 1);
  }
  if (fmt === null) throw corrupt(path, "no fmt chunk describing the samples");
  if (data === null) throw corrupt(path, "no data chunk holding the samples");
  if (fmt.channels === 0 || fmt.sampleRate === 0 || fmt.blockAlign === 0) {
    throw corrupt(path, `impossible format: ${fmt.channels} channels at ${fmt.sampleRate} Hz`);
  }
  const encoding = pcmEncoding(fmt);
  const present = Math.max(0, fileSize - data.offset);
  const bytes = data.declared === null ? present : Math.min(data.declared, present);
  return {
    container,
    formatTag: fmt.formatTag,
    extensible: fmt.extensible,
    encoding,
    codec: encoding ?? COMPRESSED_CODECS[fmt.formatTag] ?? `wav_format_0x${(fmt.formatTag & 0xffff).toString(16)}`,
    channels: fmt.channels,
    sampleRate: fmt.sampleRate,
    bitsPerSample: fmt.bitsPerSample,
    validBitsPerSample: fmt.validBitsPerSample,
    blockAlign: fmt.blockAlign,
    dataOffset: data.offset,
    declaredDataBytes: data.declared,
    availableDataBytes: bytes - (bytes % fmt.blockAlign),
  };
}

/** Frames the header declares (or, for unknown sizes, the file holds). */
export function declaredWavFrames(header: WavHeader): number {
  return Math.floor((header.declaredDataBytes ?? header.availableDataBytes) / header.blockAlign);
}
