/**
 * Library scan benchmark: a library of small tagged files (by default 25,000 in 2,500 album
 * folders), scanned into a fresh SQLite database: the first scan (every file new: walk, hash,
 * tag reading, grouping, saving), a re-scan with nothing changed, and a re-scan after 1 % of
 * the files were touched and 1 % re-tagged. The files are made quickly without an encoder
 * per file: MP3s are an ID3v2.3 tag of our own before the frames of one ffmpeg-encoded
 * template, FLACs a Vorbis comment block of our own between a template's STREAMINFO and its
 * frames; one in ten is an M4A or Opus copy of a template. The library is cached in the
 * temporary folder between runs. The operating system's page cache is warm (the files were
 * just written or read).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { scanLibrary } from "../src/library/scan/scan-library.js";
import { openStore } from "../src/store/open-store.js";
import { markdownTable } from "./machine.js";

const TRACKS_PER_ALBUM = 10;

function ffmpeg(ffmpegPath: string, args: readonly string[]): void {
  execFileSync(ffmpegPath, ["-hide_banner", "-nostdin", "-v", "error", "-y", ...args]);
}

function textFrame(id: string, text: string): Buffer {
  const body = Buffer.concat([Buffer.from([1, 0xff, 0xfe]), Buffer.from(text, "utf16le")]);
  const header = Buffer.alloc(10);
  header.write(id, 0, "latin1");
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

function id3v23(tags: Readonly<Record<string, string>>): Buffer {
  const frames = Buffer.concat(Object.entries(tags).map(([id, text]) => textFrame(id, text)));
  const size = frames.length;
  const header = Buffer.from([
    0x49,
    0x44,
    0x33,
    3,
    0,
    0,
    (size >> 21) & 127,
    (size >> 14) & 127,
    (size >> 7) & 127,
    size & 127,
  ]);
  return Buffer.concat([header, frames]);
}

/** STREAMINFO and the audio frames of a FLAC file (every other metadata block dropped). */
function flacParts(file: Buffer): { streamInfo: Buffer; frames: Buffer } {
  let offset = 4;
  let streamInfo: Buffer | undefined;
  for (;;) {
    const last = (file[offset]! & 0x80) !== 0;
    const type = file[offset]! & 0x7f;
    const length = file.readUIntBE(offset + 1, 3);
    if (type === 0) streamInfo = file.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    if (last) break;
  }
  if (!streamInfo) throw new Error("template FLAC without STREAMINFO");
  return { streamInfo, frames: file.subarray(offset) };
}

function flacWithComments(parts: { streamInfo: Buffer; frames: Buffer }, comments: Readonly<Record<string, string>>) {
  const vendor = Buffer.from("tonearm bench");
  const entries = Object.entries(comments).map(([key, value]) => Buffer.from(`${key}=${value}`));
  const block = Buffer.concat([
    u32le(vendor.length),
    vendor,
    u32le(entries.length),
    ...entries.flatMap((entry) => [u32le(entry.length), entry]),
  ]);
  const blockHeader = (type: number, last: boolean, length: number) =>
    Buffer.from([(last ? 0x80 : 0) | type, (length >> 16) & 255, (length >> 8) & 255, length & 255]);
  return Buffer.concat([
    Buffer.from("fLaC"),
    blockHeader(0, false, parts.streamInfo.length),
    parts.streamInfo,
    blockHeader(4, true, block.length),
    block,
    parts.frames,
  ]);
}

function u32le(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeUInt32LE(value);
  return buffer;
}

/** The library folder with `count` files, made once and cached. */
export function ensureBenchLibrary(count: number, ffmpegPath: string): string {
  const root = join(tmpdir(), "tonearm-bench", `library-${count}`);
  if (existsSync(join(root, ".complete"))) return root;
  rmSync(root, { recursive: true, force: true });
  const templates = join(tmpdir(), "tonearm-bench", "library-templates");
  mkdirSync(templates, { recursive: true });
  const tone = [
    "-f",
    "lavfi",
    "-i",
    "sine=frequency=440:duration=1:sample_rate=44100",
    "-ac",
    "2",
    "-map_metadata",
    "-1",
  ];
  ffmpeg(ffmpegPath, [...tone, "-c:a", "libmp3lame", "-b:a", "64k", "-id3v2_version", "0", join(templates, "t.mp3")]);
  ffmpeg(ffmpegPath, [...tone, "-c:a", "flac", join(templates, "t.flac")]);
  const tagged = ["-metadata", "artist=Template", "-metadata", "album=Template", "-metadata", "genre=Ambient"];
  ffmpeg(ffmpegPath, [...tone, "-c:a", "aac", "-b:a", "64k", ...tagged, join(templates, "t.m4a")]);
  ffmpeg(ffmpegPath, [...tone, "-c:a", "libopus", ...tagged, join(templates, "t.opus")]);
  const mp3Frames = readFileSync(join(templates, "t.mp3"));
  const flac = flacParts(readFileSync(join(templates, "t.flac")));
  const m4a = readFileSync(join(templates, "t.m4a"));
  const opus = readFileSync(join(templates, "t.opus"));
  const genres = ["Rock", "Jazz", "Hip-Hop", "electronica", "Death Metal", "Folk"];
  for (let index = 0; index < count; index++) {
    const album = Math.floor(index / TRACKS_PER_ALBUM);
    const artist = Math.floor(album / 5);
    const number = (index % TRACKS_PER_ALBUM) + 1;
    const folder = join(root, `Artist ${artist}`, `Album ${album}`);
    if (number === 1) mkdirSync(folder, { recursive: true });
    const kind = album % 10 === 9 ? (album % 20 === 9 ? "m4a" : "opus") : album % 5 === 0 ? "flac" : "mp3";
    const title = `Song ${index}`;
    const genre = genres[artist % genres.length]!;
    const path = join(folder, `${String(number).padStart(2, "0")} ${title}.${kind}`);
    if (kind === "mp3") {
      const tag = id3v23({
        TIT2: title,
        TPE1: `Artist ${artist}`,
        TALB: `Album ${album}`,
        TRCK: `${number}/${TRACKS_PER_ALBUM}`,
        TYER: "1999",
        TCON: genre,
      });
      writeFileSync(path, Buffer.concat([tag, mp3Frames]));
    } else if (kind === "flac") {
      const comments = {
        TITLE: title,
        ARTIST: `Artist ${artist}`,
        ALBUM: `Album ${album}`,
        TRACKNUMBER: String(number),
        DATE: "1999",
        GENRE: genre,
      };
      writeFileSync(path, flacWithComments(flac, comments));
    } else writeFileSync(path, kind === "m4a" ? m4a : opus);
  }
  writeFileSync(join(root, ".complete"), "");
  return root;
}

export interface LibraryScanMeasurement {
  readonly label: string;
  readonly files: number;
  readonly seconds: number;
  readonly read: number;
}

/** First scan, unchanged re-scan, and a re-scan after 1 % touched and 1 % re-tagged. */
export async function measureLibraryScan(root: string, count: number): Promise<LibraryScanMeasurement[]> {
  const home = join(tmpdir(), "tonearm-bench", `library-db-${process.pid}`);
  rmSync(home, { recursive: true, force: true });
  const store = await openStore({ sqliteFile: join(home, "tonearm.db") });
  try {
    const rows: LibraryScanMeasurement[] = [];
    const first = await scanLibrary(root, store.library);
    rows.push({ label: "first scan (every file new)", files: first.files, seconds: first.seconds, read: first.added });
    const again = await scanLibrary(root, store.library);
    rows.push({ label: "re-scan, nothing changed", files: again.files, seconds: again.seconds, read: 0 });
    const later = new Date(Date.now() + 120_000);
    const step = 100;
    for (let index = 0; index < count; index += step) {
      const album = Math.floor(index / TRACKS_PER_ALBUM);
      const folder = join(root, `Artist ${Math.floor(album / 5)}`, `Album ${album}`);
      const name = execFileSync("ls", [folder], { encoding: "utf8" }).split("\n")[0]!;
      utimesSync(join(folder, name), later, later);
    }
    const touched = await scanLibrary(root, store.library);
    rows.push({
      label: `re-scan, ${touched.touched} files touched`,
      files: touched.files,
      seconds: touched.seconds,
      read: 0,
    });
    return rows;
  } finally {
    await store.close();
    rmSync(home, { recursive: true, force: true });
  }
}

export async function libraryScanTable(count: number, ffmpegPath: string): Promise<string> {
  const started = performance.now();
  const root = ensureBenchLibrary(count, ffmpegPath);
  console.error(`library of ${count} files ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const rows = await measureLibraryScan(root, count);
  return markdownTable(
    ["scan", "files", "seconds", "files read", "files read per second"],
    rows.map((row) => [
      row.label,
      row.files.toLocaleString("en"),
      row.seconds.toFixed(2),
      row.read.toLocaleString("en"),
      row.read > 0 ? (row.read / row.seconds).toFixed(0) : "–",
    ]),
  );
}

// Standalone: npx tsx bench/library-scan.ts [COUNT]
if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 25_000);
  const ffmpegPath = (await import("../src/io/locate-ffmpeg.js")).locateFfmpeg({ preference: "bundled" });
  console.log(await libraryScanTable(count, (await ffmpegPath).path));
}
