import { writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { id3v2TagSize, sniffFile, sniffFormat } from "./sniff-format.js";
import { parseAdtsFrameHeader, parseMpegFrameHeader } from "./sniff-frames.js";
import { createFixtureDir, type FixtureDir } from "./test-helpers/fixtures.js";
import { seededBytes } from "./test-helpers/tones.js";

const ascii = (text: string) => Uint8Array.from(text, (char) => char.charCodeAt(0));

function concat(...parts: (Uint8Array | string | number[])[]): Uint8Array {
  const arrays = parts.map((part) => (typeof part === "string" ? ascii(part) : Uint8Array.from(part)));
  const out = new Uint8Array(arrays.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of arrays) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** `count` MPEG-1 Layer III frames, 128 kbit/s, 44.1 kHz (417 bytes each). */
function mp3Frames(count: number): Uint8Array {
  const frames = new Uint8Array(417 * count);
  for (let i = 0; i < count; i++) frames.set([0xff, 0xfb, 0x90, 0x00], i * 417);
  return frames;
}

/** `count` ADTS AAC-LC frames, 44.1 kHz stereo, 200 bytes each. */
function adtsFrames(count: number): Uint8Array {
  const frames = new Uint8Array(200 * count);
  for (let i = 0; i < count; i++)
    frames.set([0xff, 0xf1, 0x50, 0x80, 200 >> 3, ((200 & 7) << 5) | 0x1f, 0xfc], i * 200);
  return frames;
}

function id3Tag(bodyBytes: number): Uint8Array {
  const size = [21, 14, 7, 0].map((shift) => (bodyBytes >> shift) & 0x7f);
  return concat("ID3", [4, 0, 0], size, new Uint8Array(bodyBytes) as unknown as number[]);
}

function oggPage(packet: Uint8Array): Uint8Array {
  return concat("OggS", [0, 2], new Array(20).fill(0), [1, packet.length], packet as unknown as number[]);
}

describe("sniffFormat: containers by magic number", () => {
  const cases: [string, Uint8Array, string, string?][] = [
    ["RIFF/WAVE", concat("RIFF", [0, 0, 0, 0], "WAVEfmt "), "wav"],
    ["RF64", concat("RF64", [0xff, 0xff, 0xff, 0xff], "WAVEds64"), "rf64"],
    ["BW64", concat("BW64", [0xff, 0xff, 0xff, 0xff], "WAVEds64"), "rf64"],
    ["Wave64", concat("riff", [0x2e, 0x91, 0xcf, 0x11]), "wave64"],
    ["AIFF", concat("FORM", [0, 0, 0, 0], "AIFFCOMM"), "aiff"],
    ["AIFF-C", concat("FORM", [0, 0, 0, 0], "AIFCFVER"), "aifc"],
    ["FLAC", concat("fLaC", [0, 0, 0, 34]), "flac", "flac"],
    ["ID3v2 + FLAC", concat(id3Tag(100), "fLaC", [0, 0, 0, 34]), "flac", "flac"],
    ["ID3v2 + MP3", concat(id3Tag(300), mp3Frames(3)), "mp3", "mp3"],
    ["ID3v2 + ADTS", concat(id3Tag(20), adtsFrames(3)), "aac", "aac"],
    ["bare MP3 frames", mp3Frames(4), "mp3", "mp3"],
    ["MP3 after zero padding", concat(new Array(100).fill(0), mp3Frames(3)), "mp3", "mp3"],
    ["ADTS AAC", adtsFrames(4), "aac", "aac"],
    ["M4A", concat([0, 0, 0, 0x20], "ftypM4A ", [0, 0, 0, 0]), "mp4"],
    ["MP4", concat([0, 0, 0, 0x20], "ftypisom"), "mp4"],
    ["Ogg Vorbis", oggPage(concat([1], "vorbis", [0, 0, 0, 0])), "ogg", "vorbis"],
    ["Ogg Opus", oggPage(concat("OpusHead", [1, 2])), "ogg", "opus"],
    ["Ogg FLAC", oggPage(concat([0x7f], "FLAC", [1, 0])), "ogg", "flac"],
    [
      "ASF",
      Uint8Array.from([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0xa6, 0xd9, 0x00, 0xaa, 0x00, 0x62, 0xce, 0x6c]),
      "asf",
    ],
    ["WebM", concat([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84], "webm"), "webm"],
    ["Matroska", concat([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88], "matroska"), "matroska"],
    ["CAF", concat("caff", [0, 1, 0, 0]), "caf"],
    ["WavPack", concat("wvpk", [0, 0, 0, 0]), "wavpack", "wavpack"],
    ["APE", concat("MAC ", [0x96, 0x0f]), "ape", "ape"],
    ["Musepack SV8", concat("MPCK"), "musepack"],
    ["DSF", concat("DSD ", [28, 0, 0, 0]), "dsf"],
    ["Sun AU", concat(".snd", [0, 0, 0, 24]), "au"],
    ["AMR", concat("#!AMR\n"), "amr"],
  ];
  it.each(cases)("%s", (_name, bytes, container, codec) => {
    const verdict = sniffFormat(bytes);
    expect(verdict.kind).toBe("audio");
    if (verdict.kind !== "audio") return;
    expect(verdict.container).toBe(container);
    if (codec !== undefined) expect(verdict.codec).toBe(codec);
  });
});

describe("sniffFormat: not audio", () => {
  it.each([
    ["plain text", "These are the lyrics of my song\nla la la\n", "text"],
    ["HTML", "<!DOCTYPE html>\n<html><head><title>404</title></head></html>", "HTML"],
    ["JSON", '{\n  "title": "song",\n  "bpm": 120\n}', "JSON"],
    ["XML", '<?xml version="1.0"?><rss></rss>', "XML"],
    ["M3U", "#EXTM3U\n#EXTINF:123,Artist - Title\nsong.mp3\n", "M3U playlist"],
  ])("%s is text", (_name, text, kind) => {
    const verdict = sniffFormat(ascii(text));
    expect(verdict).toMatchObject({ kind: "text", textKind: kind });
  });

  it("recognises UTF-8 and UTF-16 text", () => {
    expect(sniffFormat(new TextEncoder().encode("Chanson d'été — paroles ♪\n")).kind).toBe("text");
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from("hello world", (c) => [c.charCodeAt(0), 0]).flat()]);
    expect(sniffFormat(utf16).kind).toBe("text");
  });

  it("names common non-audio files", () => {
    expect(sniffFormat(concat([0x89], "PNG\r\n", [0x1a, 0x0a]))).toMatchObject({
      kind: "other",
      description: "a PNG image",
    });
    expect(sniffFormat(concat("%PDF-1.7\n"))).toMatchObject({ kind: "other", description: "a PDF document" });
    expect(sniffFormat(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toMatchObject({ description: "a JPEG image" });
    expect(sniffFormat(concat("MThd", [0, 0, 0, 6]))).toMatchObject({ kind: "other" });
  });

  it("leaves random bytes to ffmpeg as unknown (seeded)", () => {
    for (const seed of [1, 2, 3, 42, 1234]) expect(sniffFormat(seededBytes(8192, seed)).kind).toBe("unknown");
  });

  it("does not take a lone frame sync followed by garbage for MP3", () => {
    const bytes = concat([0xff, 0xfb, 0x90, 0x00], seededBytes(2000, 7) as unknown as number[]);
    bytes[417] = 0x12; // no second header where the first frame ends
    expect(sniffFormat(bytes).kind).toBe("unknown");
  });
});

describe("frame headers", () => {
  it("parses an MPEG-1 Layer III header and its frame length", () => {
    expect(parseMpegFrameHeader(Uint8Array.from([0xff, 0xfb, 0x90, 0x64]), 0)).toMatchObject({
      version: 1,
      layer: 3,
      sampleRate: 44100,
      bitRate: 128000,
      channels: 2,
      frameBytes: 417,
    });
  });

  it("rejects reserved version, layer, bitrate and sample-rate fields", () => {
    for (const header of [
      [0xff, 0xeb, 0x90, 0x00], // version 01 (reserved)
      [0xff, 0xf9, 0x90, 0x00], // layer 00 (reserved)
      [0xff, 0xfb, 0xf0, 0x00], // bitrate index 15
      [0xff, 0xfb, 0x9c, 0x00], // sample rate index 3
    ]) {
      expect(parseMpegFrameHeader(Uint8Array.from(header), 0)).toBeNull();
    }
  });

  it("parses an ADTS header", () => {
    expect(parseAdtsFrameHeader(adtsFrames(1), 0)).toMatchObject({ sampleRate: 44100, channels: 2, frameBytes: 200 });
  });
});

describe("ID3v2", () => {
  it("measures the tag from its synchsafe size", () => {
    expect(id3v2TagSize(id3Tag(1000))).toBe(1010);
    expect(id3v2TagSize(ascii("ID3\x04\x00\x00\x80\x00\x00\x00"))).toBe(0); // not synchsafe
  });

  let fixtures: FixtureDir;
  beforeAll(async () => {
    fixtures = await createFixtureDir("sniff");
  });
  afterAll(() => fixtures.remove());

  it("sniffFile looks past a tag larger than its first read (embedded cover art)", async () => {
    const path = fixtures.file("big-tag.bin");
    await writeFile(path, concat(id3Tag(200_000), mp3Frames(5)));
    expect(await sniffFile(path)).toMatchObject({ kind: "audio", container: "mp3" });
    const flacPath = fixtures.file("big-tag-flac.bin");
    await writeFile(flacPath, concat(id3Tag(100_000), "fLaC", [0, 0, 0, 34]));
    expect(await sniffFile(flacPath)).toMatchObject({ kind: "audio", container: "flac" });
  });

  it("sniffFile reads tiny files", async () => {
    const path = fixtures.file("tiny.txt");
    await writeFile(path, "hi\n");
    expect(await sniffFile(path)).toMatchObject({ kind: "text" });
  });
});
