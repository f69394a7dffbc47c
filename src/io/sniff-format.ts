/**
 * Identifies a file's format from its first bytes (magic numbers), never from its
 * extension: RIFF/WAVE, RF64/BW64, Wave64, AIFF/AIFC, FLAC (also behind ID3v2), MP3
 * and MP2 (behind ID3v2 or bare frame sync), AAC in ADTS, MP4/M4A/QuickTime, Ogg
 * (Vorbis, Opus, FLAC, Speex, Theora from the first packet), ASF/WMA,
 * Matroska/WebM, CAF, WavPack, APE, Musepack, DSF, DSDIFF, Sun AU, AMR, AC-3, TTA,
 * AVI. Text (plain, HTML, JSON, XML, playlists) and a few common non-audio types
 * (images, PDF, archives, MIDI) get a verdict that explains. Anything else is
 * "unknown": the caller lets ffmpeg try it.
 * References: the format specifications' header layouts; ID3v2.4 §3.1 (tag header,
 * synchsafe size); RFC 3533 §6 (Ogg page); RFC 7845 §5.1 (OpusHead).
 */
import { open } from "node:fs/promises";
import { sniffFrameRun } from "./sniff-frames.js";
import { sniffText, type TextKind } from "./sniff-text.js";

/** Containers (or raw streams) recognised by their magic numbers. */
export type ContainerFormat =
  | "wav"
  | "rf64"
  | "wave64"
  | "aiff"
  | "aifc"
  | "flac"
  | "mp3"
  | "mp2"
  | "aac"
  | "mp4"
  | "ogg"
  | "asf"
  | "matroska"
  | "webm"
  | "caf"
  | "wavpack"
  | "ape"
  | "musepack"
  | "dsf"
  | "dsdiff"
  | "au"
  | "amr"
  | "ac3"
  | "tta"
  | "avi";

/** What the first bytes of a file say it is. `description` is for messages ("Ogg Opus", "a PNG image"). */
export type FormatVerdict =
  | {
      readonly kind: "audio";
      readonly container: ContainerFormat;
      readonly codec?: string;
      readonly description: string;
    }
  | { readonly kind: "text"; readonly textKind: TextKind; readonly description: string }
  | { readonly kind: "other"; readonly description: string }
  | { readonly kind: "unknown"; readonly description: string };

/** Bytes read from the start of a file (and after an ID3v2 tag) for sniffing. */
export const SNIFF_BYTES = 64 * 1024;

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (offset + length > bytes.length) return "";
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function audio(container: ContainerFormat, description: string, codec?: string): FormatVerdict {
  return codec === undefined
    ? { kind: "audio", container, description }
    : { kind: "audio", container, codec, description };
}

const ASF_GUID = [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c];

const OTHER_MAGIC: readonly (readonly [number, string, string])[] = [
  [0, "\x89PNG", "a PNG image"],
  [0, "GIF8", "a GIF image"],
  [0, "%PDF", "a PDF document"],
  [0, "PK\x03\x04", "a ZIP archive"],
  [0, "Rar!", "a RAR archive"],
  [0, "7z\xbc\xaf", "a 7-Zip archive"],
  [0, "\x7fELF", "a program (ELF executable)"],
  [0, "MThd", "a MIDI file (it holds notes, not audio)"],
];

/** Size of the ID3v2 tag at the start of `bytes` (header, body and footer), or 0 if there is none. */
export function id3v2TagSize(bytes: Uint8Array): number {
  if (bytes.length < 10 || ascii(bytes, 0, 3) !== "ID3") return 0;
  const major = bytes[3]!;
  if (major < 2 || major > 4 || bytes[4] === 0xff) return 0;
  let size = 0;
  for (let i = 6; i < 10; i++) {
    if (bytes[i]! >= 0x80) return 0; // synchsafe integers have the top bit clear
    size = size * 128 + bytes[i]!;
  }
  const footer = (bytes[5]! & 0x10) !== 0 ? 10 : 0;
  return 10 + size + footer;
}

function sniffOgg(bytes: Uint8Array): FormatVerdict {
  const segments = bytes[26] ?? 0;
  const packet = 27 + segments;
  if (ascii(bytes, packet + 1, 6) === "vorbis" && bytes[packet] === 0x01) return audio("ogg", "Ogg Vorbis", "vorbis");
  if (ascii(bytes, packet, 8) === "OpusHead") return audio("ogg", "Ogg Opus", "opus");
  if (ascii(bytes, packet, 5) === "\x7fFLAC") return audio("ogg", "Ogg FLAC", "flac");
  if (ascii(bytes, packet, 8) === "Speex   ") return audio("ogg", "Ogg Speex", "speex");
  if (ascii(bytes, packet, 7) === "\x80theora") return audio("ogg", "Ogg Theora video", "theora");
  return audio("ogg", "Ogg");
}

function sniffRiff(bytes: Uint8Array): FormatVerdict {
  const form = ascii(bytes, 8, 4);
  if (form === "WAVE") return audio("wav", "WAV");
  if (form === "AVI ") return audio("avi", "AVI video");
  if (form === "RMID") return { kind: "other", description: "a MIDI file (it holds notes, not audio)" };
  if (form === "WEBP") return { kind: "other", description: "a WebP image" };
  return { kind: "unknown", description: `a RIFF file of type "${form.trim()}"` };
}

function sniffMatroska(bytes: Uint8Array): FormatVerdict {
  const head = ascii(bytes, 0, Math.min(bytes.length, 64));
  return head.includes("webm") ? audio("webm", "WebM") : audio("matroska", "Matroska");
}

/** Containers whose magic number is a fixed string at a fixed offset. */
function sniffFixedMagic(bytes: Uint8Array): FormatVerdict | null {
  const four = ascii(bytes, 0, 4);
  switch (four) {
    case "RIFF":
      return sniffRiff(bytes);
    case "RF64":
    case "BW64":
      return ascii(bytes, 8, 4) === "WAVE" ? audio("rf64", "RF64 WAV") : null;
    case "FORM": {
      const form = ascii(bytes, 8, 4);
      if (form === "AIFF") return audio("aiff", "AIFF");
      if (form === "AIFC") return audio("aifc", "AIFF-C");
      return null;
    }
    case "fLaC":
      return audio("flac", "FLAC", "flac");
    case "OggS":
      return sniffOgg(bytes);
    case "caff":
      return audio("caf", "Core Audio (CAF)");
    case "wvpk":
      return audio("wavpack", "WavPack", "wavpack");
    case "MAC ":
      return audio("ape", "Monkey's Audio (APE)", "ape");
    case "MPCK":
      return audio("musepack", "Musepack", "musepack");
    case "DSD ":
      return audio("dsf", "DSF (DSD audio)", "dsd");
    case "FRM8":
      return audio("dsdiff", "DSDIFF (DSD audio)", "dsd");
    case ".snd":
      return audio("au", "Sun AU");
    case "TTA1":
      return audio("tta", "True Audio (TTA)", "tta");
    case "\x1aE\xdf\xa3":
      return sniffMatroska(bytes);
    case "riff":
      return bytes[4] === 0x2e && bytes[5] === 0x91 ? audio("wave64", "Wave64") : null;
  }
  if (ascii(bytes, 0, 3) === "MP+") return audio("musepack", "Musepack", "musepack");
  if (ascii(bytes, 0, 5) === "#!AMR") return audio("amr", "AMR", "amr");
  const box = ascii(bytes, 4, 4);
  if (box === "ftyp") return audio("mp4", ascii(bytes, 8, 3) === "M4A" ? "M4A (MP4 audio)" : "MP4");
  if (box === "moov" || box === "mdat" || box === "wide") return audio("mp4", "QuickTime/MP4");
  if (ASF_GUID.every((value, i) => bytes[i] === value)) return audio("asf", "ASF (Windows Media)");
  if (bytes[0] === 0x0b && bytes[1] === 0x77) return audio("ac3", "AC-3", "ac3");
  for (const [offset, magic, description] of OTHER_MAGIC) {
    if (ascii(bytes, offset, magic.length) === magic) return { kind: "other", description };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)
    return { kind: "other", description: "a JPEG image" };
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return { kind: "other", description: "a gzip archive" };
  return null;
}

/** MP3/MP2/ADTS by frame sync, after skipping zero padding some encoders leave. */
function sniffFrameSync(bytes: Uint8Array): FormatVerdict | null {
  let offset = 0;
  const limit = Math.min(bytes.length, 4096);
  while (offset < limit && bytes[offset] === 0) offset++;
  const header = sniffFrameRun(bytes, offset);
  if (header === null) return null;
  if (header.kind === "adts") return audio("aac", "AAC (ADTS)", "aac");
  return header.layer === 3 ? audio("mp3", "MP3", "mp3") : audio("mp2", `MPEG Layer ${header.layer}`, "mp2");
}

/**
 * Sniffs the format from the first bytes of a file (ideally `SNIFF_BYTES` of them).
 * An ID3v2 tag is skipped when it fits in `bytes`; use `sniffFile` for tags larger
 * than that (embedded cover art).
 */
export function sniffFormat(bytes: Uint8Array): FormatVerdict {
  if (bytes.length === 0) return { kind: "other", description: "an empty file" };
  const tagSize = id3v2TagSize(bytes);
  if (tagSize > 0) {
    if (tagSize >= bytes.length) return audio("mp3", "MP3 (ID3 tag only seen)", "mp3");
    return sniffAfterId3(bytes.subarray(tagSize));
  }
  const verdict = sniffFixedMagic(bytes) ?? sniffFrameSync(bytes);
  if (verdict !== null) return verdict;
  const textKind = sniffText(bytes);
  if (textKind !== null) return { kind: "text", textKind, description: describeText(textKind) };
  return { kind: "unknown", description: "unrecognised binary data" };
}

/** What follows an ID3v2 tag: FLAC, AAC or MPEG audio; anything else is left to ffmpeg. */
function sniffAfterId3(rest: Uint8Array): FormatVerdict {
  if (ascii(rest, 0, 4) === "fLaC") return audio("flac", "FLAC", "flac");
  const frames = sniffFrameSync(rest);
  if (frames !== null) return frames;
  return { kind: "unknown", description: "an ID3 tag followed by unrecognised data" };
}

function describeText(kind: TextKind): string {
  switch (kind) {
    case "text":
      return "text";
    case "HTML":
      return "an HTML web page";
    case "XML":
      return "XML";
    case "JSON":
      return "JSON data";
    default:
      return `a ${kind}, which lists files rather than holding audio`;
  }
}

/** Sniffs a file on disk: reads its first `SNIFF_BYTES`, and as much again after a large ID3v2 tag. */
export async function sniffFile(path: string): Promise<FormatVerdict> {
  const handle = await open(path, "r");
  try {
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    const bytes = head.subarray(0, bytesRead);
    const tagSize = id3v2TagSize(bytes);
    if (tagSize === 0 || tagSize + 16 <= bytesRead) return sniffFormat(bytes);
    const after = new Uint8Array(SNIFF_BYTES);
    const more = await handle.read(after, 0, SNIFF_BYTES, tagSize);
    if (more.bytesRead === 0) return audio("mp3", "MP3 (ID3 tag only seen)", "mp3");
    return sniffAfterId3(after.subarray(0, more.bytesRead));
  } finally {
    await handle.close();
  }
}
