/**
 * Fixtures for the tag-writer tests: short tones encoded by the bundled ffmpeg (lavfi sine
 * source, with -metadata tags), ID3v2 frames and tags and FLAC metadata blocks built by hand
 * byte by byte (id3.org ID3v2.3/2.4; RFC 9639 §8), and the independent checks: SHA-256 of a
 * file or of its decoded PCM (ffmpeg -f s16le) and music-metadata's reading of the tags.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { type IAudioMetadata, parseFile } from "music-metadata";
import { bundledFfmpegPath, type FixtureDir, runFfmpeg } from "../../../io/test-helpers/fixtures.js";

/** Encodes `seconds` of a 440 Hz sine to `name` with the codec and metadata arguments given. */
export async function encodeTone(
  fixtures: FixtureDir,
  name: string,
  args: readonly string[],
  seconds = 1,
): Promise<string> {
  const path = fixtures.file(name);
  await runFfmpeg(await bundledFfmpegPath(), [
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=440:duration=${seconds}:sample_rate=44100`,
    ...args,
    path,
  ]);
  return path;
}

/** Arguments setting each tag of `tags` (ffmpeg's -metadata). */
export function metadataArgs(tags: Readonly<Record<string, string>>): string[] {
  return Object.entries(tags).flatMap(([key, value]) => ["-metadata", `${key}=${value}`]);
}

export async function sha256OfFile(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}

/** SHA-256 of the file decoded by ffmpeg to 16-bit PCM. */
export async function pcmHash(fixtures: FixtureDir, path: string): Promise<string> {
  const output = fixtures.file(`pcm-${createHash("sha1").update(path).digest("hex")}.raw`);
  await runFfmpeg(await bundledFfmpegPath(), ["-i", path, "-f", "s16le", "-c:a", "pcm_s16le", output]);
  return sha256OfFile(output);
}

export function musicMetadataOf(path: string): Promise<IAudioMetadata> {
  return parseFile(path, { duration: false });
}

/** The MPEG frames of an MP3 file written by ffmpeg: the bytes after its ID3v2 tag. */
export async function mpegFramesOf(path: string): Promise<Buffer> {
  const bytes = await readFile(path);
  if (bytes.toString("latin1", 0, 3) !== "ID3") return bytes;
  const size = ((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f);
  return bytes.subarray(10 + size);
}

function synchsafe(value: number): number[] {
  return [(value >> 21) & 0x7f, (value >> 14) & 0x7f, (value >> 7) & 0x7f, value & 0x7f];
}

/** One ID3v2 frame: 10-byte header (v2.3 plain size, v2.4 synchsafe) and data. */
export function id3v2Frame(version: 3 | 4, id: string, data: Uint8Array, formatFlags = 0): Buffer {
  const size = data.length;
  const sizeBytes =
    version === 4 ? synchsafe(size) : [size >>> 24, (size >> 16) & 0xff, (size >> 8) & 0xff, size & 0xff];
  return Buffer.concat([Buffer.from(id, "latin1"), Buffer.from(sizeBytes), Buffer.of(0, formatFlags), data]);
}

/** A text frame's data in ISO-8859-1 (encoding 0) or UTF-8 (encoding 3). */
export function textData(text: string, encoding: 0 | 3 = 0): Buffer {
  return Buffer.concat([Buffer.of(encoding), Buffer.from(text, encoding === 0 ? "latin1" : "utf8")]);
}

/** A whole ID3v2 tag: header (with `flags`), the frames' bytes, `padding` zero bytes. */
export function id3v2Tag(version: 2 | 3 | 4, frames: readonly Uint8Array[], padding: number, flags = 0): Buffer {
  const body = Buffer.concat([...frames, Buffer.alloc(padding)]);
  return Buffer.concat([Buffer.from("ID3", "latin1"), Buffer.of(version, 0, flags, ...synchsafe(body.length)), body]);
}

/** A picture (APIC) frame's data with `imageBytes` as the JPEG data. */
export function pictureData(imageBytes: Uint8Array): Buffer {
  return Buffer.concat([Buffer.of(0), Buffer.from("image/jpeg\u0000", "latin1"), Buffer.of(3, 0), imageBytes]);
}

/** A 128-byte ID3v1 trailer with a title and a genre byte. */
export function id3v1Trailer(title: string, genreIndex: number): Buffer {
  const trailer = Buffer.alloc(128);
  trailer.write("TAG", 0, "latin1");
  trailer.write(title, 3, 30, "latin1");
  trailer[127] = genreIndex;
  return trailer;
}

export interface FlacBlockBytes {
  readonly type: number;
  readonly data: Uint8Array;
}

/** The metadata blocks of a FLAC file (no leading ID3v2) and the offset of its audio frames. */
export async function flacBlocksOf(path: string): Promise<{ blocks: FlacBlockBytes[]; audioStart: number }> {
  const bytes = await readFile(path);
  const blocks: FlacBlockBytes[] = [];
  let position = 4;
  for (let last = false; !last; ) {
    last = (bytes[position]! & 0x80) !== 0;
    const length = bytes.readUIntBE(position + 1, 3);
    blocks.push({ type: bytes[position]! & 0x7f, data: bytes.subarray(position + 4, position + 4 + length) });
    position += 4 + length;
  }
  return { blocks, audioStart: position };
}

/** A FLAC file from metadata blocks (last-block bit set on the last) and audio frame bytes. */
export function flacFile(blocks: readonly FlacBlockBytes[], audio: Uint8Array): Buffer {
  const parts: Uint8Array[] = [Buffer.from("fLaC", "latin1")];
  blocks.forEach(({ type, data }, index) => {
    const length = data.length;
    parts.push(
      Buffer.of((index === blocks.length - 1 ? 0x80 : 0) | type, length >> 16, (length >> 8) & 0xff, length & 0xff),
    );
    parts.push(data);
  });
  parts.push(audio);
  return Buffer.concat(parts);
}

/** A FLAC VORBIS_COMMENT block's data. */
export function vorbisCommentData(vendor: string, comments: readonly string[]): Buffer {
  const field = (text: string): Buffer => {
    const bytes = Buffer.from(text, "utf8");
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length);
    return Buffer.concat([length, bytes]);
  };
  const count = Buffer.alloc(4);
  count.writeUInt32LE(comments.length);
  return Buffer.concat([field(vendor), count, ...comments.map(field)]);
}

/** A FLAC PICTURE block's data (RFC 9639 §8.8): a front cover, image/jpeg, `imageBytes`. */
export function flacPictureData(imageBytes: Uint8Array): Buffer {
  const u32 = (value: number): Buffer => {
    const bytes = Buffer.alloc(4);
    bytes.writeUInt32BE(value);
    return bytes;
  };
  const mime = Buffer.from("image/jpeg", "latin1");
  return Buffer.concat([
    u32(3),
    u32(mime.length),
    mime,
    u32(0),
    u32(1),
    u32(1),
    u32(24),
    u32(0),
    u32(imageBytes.length),
    imageBytes,
  ]);
}
