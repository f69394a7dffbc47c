import { open, readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDir, type FixtureDir } from "../../io/test-helpers/fixtures.js";
import { ID3V2_FRESH_PADDING_BYTES, id3v2GenreTagFormat } from "./id3v2-genre-tags.js";
import { type Id3v2TagLayout, readId3v2Layout } from "./id3v2-tag-layout.js";
import {
  encodeTone,
  id3v1Trailer,
  id3v2Frame,
  id3v2Tag,
  metadataArgs,
  mpegFramesOf,
  musicMetadataOf,
  pcmHash,
  pictureData,
  textData,
} from "./test-helpers/tag-fixtures.js";

const format = id3v2GenreTagFormat;
let fixtures: FixtureDir;
let counter = 0;

beforeAll(async () => {
  fixtures = await createFixtureDir("id3v2-tags");
});
afterAll(() => fixtures.remove());

const fresh = (name: string): string => fixtures.file(`${counter++}-${name}`);

async function layoutOf(path: string): Promise<Id3v2TagLayout | null> {
  const handle = await open(path, "r");
  try {
    return await readId3v2Layout(handle, (await handle.stat()).size, path);
  } finally {
    await handle.close();
  }
}

/** Raw bytes of every frame but TCON, in order. */
async function otherFrames(path: string): Promise<string[]> {
  const bytes = await readFile(path);
  const layout = await layoutOf(path);
  return (layout?.frames ?? [])
    .filter((frame) => frame.id !== "TCON")
    .map((frame) => bytes.subarray(frame.start, frame.end).toString("hex"));
}

async function rewrite(source: string, genres: readonly string[]): Promise<string> {
  const target = fresh("out.mp3");
  await format.writeCopyWithGenres(source, target, genres);
  return target;
}

describe("id3v2GenreTagFormat on MP3s encoded by ffmpeg", () => {
  for (const version of [3, 4] as const) {
    it(`ID3v2.${version}: replaces the genre, keeps the version, every other frame and the audio`, async () => {
      const tags = { genre: "Rock", title: "Hello", artist: "Someone", album: "Tones" };
      const source = await encodeTone(fixtures, `v${version}.mp3`, [
        "-c:a",
        "libmp3lame",
        "-b:a",
        "128k",
        "-id3v2_version",
        String(version),
        ...metadataArgs(tags),
      ]);
      expect((await format.readGenres(source)).genres).toEqual(["Rock"]);
      const target = await rewrite(source, ["Jazz", "Contemporary Classical"]);

      expect((await format.readGenres(target)).genres).toEqual(["Jazz", "Contemporary Classical"]);
      const before = await musicMetadataOf(source);
      const after = await musicMetadataOf(target);
      expect(after.common.genre).toEqual(["Jazz", "Contemporary Classical"]);
      for (const key of ["title", "artist", "album"] as const) expect(after.common[key]).toBe(before.common[key]);
      expect((await readFile(target))[3]).toBe(version);
      expect(await otherFrames(target)).toEqual(await otherFrames(source));
      expect(await format.audioPayloadHash(target)).toBe(await format.audioPayloadHash(source));
      expect(await pcmHash(fixtures, target)).toBe(await pcmHash(fixtures, source));

      // The grown tag has fresh padding; a second, shorter genre reuses it and nothing moves.
      const grown = await layoutOf(target);
      expect(grown!.bodySize - (grown!.paddingStart - 10)).toBeGreaterThanOrEqual(ID3V2_FRESH_PADDING_BYTES);
      const again = await rewrite(target, ["Ska"]);
      expect((await readFile(again)).length).toBe((await readFile(target)).length);
      expect((await layoutOf(again))!.end).toBe(grown!.end);
      expect((await musicMetadataOf(again)).common.genre).toEqual(["Ska"]);
      // Beyond ISO-8859-1: UTF-8 in v2.4, UTF-16 in v2.3.
      const wide = await rewrite(again, ["Música", "日本のロック"]);
      expect((await readFile(wide))[(await layoutOf(wide))!.frames.find((f) => f.id === "TCON")!.start + 10]).toBe(
        version === 4 ? 3 : 1,
      );
      expect((await musicMetadataOf(wide)).common.genre).toEqual(["Música", "日本のロック"]);
    });
  }
});

describe("id3v2GenreTagFormat on hand-built tags", () => {
  let frames: Buffer;
  beforeAll(async () => {
    frames = await mpegFramesOf(await encodeTone(fixtures, "plain.mp3", ["-c:a", "libmp3lame", "-b:a", "64k"]));
  });

  it("gives a file without any tag an ID3v2.4 tag, and takes the genre away again", async () => {
    const source = fresh("bare.mp3");
    await writeFile(source, frames);
    expect(format.recognises((await readFile(source)).subarray(0, 64), "bare.mp3")).toBe(true);
    expect((await format.readGenres(source)).genres).toEqual([]);
    const target = await rewrite(source, ["Electronic"]);
    const bytes = await readFile(target);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("ID3\u0004");
    expect(bytes.subarray(bytes.length - frames.length).equals(frames)).toBe(true);
    expect((await musicMetadataOf(target)).common.genre).toEqual(["Electronic"]);
    expect(await format.audioPayloadHash(target)).toBe(await format.audioPayloadHash(source));

    const emptied = await rewrite(target, []);
    expect((await format.readGenres(emptied)).genres).toEqual([]);
    expect((await layoutOf(emptied))!.frames).toEqual([]);
    expect((await readFile(emptied)).length).toBe(bytes.length); // same tag size, all padding
    const untouched = await rewrite(source, []);
    expect((await readFile(untouched)).equals(await readFile(source))).toBe(true);
  });

  it("reads a v2.3 numeric genre '(17)' as Rock and keeps an APIC picture byte for byte", async () => {
    const picture = id3v2Frame(3, "APIC", pictureData(Buffer.alloc(3000, 0xab)));
    const title = id3v2Frame(3, "TIT2", textData("With picture"));
    const source = fresh("apic.mp3");
    await writeFile(
      source,
      Buffer.concat([id3v2Tag(3, [title, id3v2Frame(3, "TCON", textData("(17)")), picture], 64), frames]),
    );
    expect((await format.readGenres(source)).genres).toEqual(["Rock"]);
    expect((await musicMetadataOf(source)).common.genre).toEqual(["Rock"]);

    const target = await rewrite(source, ["Ambient", "Drone"]);
    const bytes = await readFile(target);
    expect(bytes.includes(picture)).toBe(true);
    expect(bytes.includes(title)).toBe(true);
    const layout = await layoutOf(target);
    expect(layout!.frames.map((frame) => frame.id)).toEqual(["TIT2", "TCON", "APIC"]);
    const metadata = await musicMetadataOf(target);
    expect(metadata.common.genre).toEqual(["Ambient", "Drone"]);
    expect(metadata.common.title).toBe("With picture");
    expect(Buffer.from(metadata.common.picture![0]!.data).equals(Buffer.alloc(3000, 0xab))).toBe(true);
    expect(await format.audioPayloadHash(target)).toBe(await format.audioPayloadHash(source));
  });

  it("collapses several TCON frames into one at the place of the first", async () => {
    const source = fresh("two-tcon.mp3");
    const tcon = (text: string): Buffer => id3v2Frame(4, "TCON", textData(text, 3));
    const tag = id3v2Tag(4, [tcon("Rock"), id3v2Frame(4, "TIT2", textData("T", 3)), tcon("Pop\u0000Jazz")], 32);
    await writeFile(source, Buffer.concat([tag, frames]));
    expect((await format.readGenres(source)).genres).toEqual(["Rock", "Pop", "Jazz"]);
    const target = await rewrite(source, ["Folk"]);
    expect((await layoutOf(target))!.frames.map((frame) => frame.id)).toEqual(["TCON", "TIT2"]);
    expect((await readFile(target)).length).toBe(tag.length + frames.length);
  });

  it("leaves an ID3v1 trailer (genre byte included) and keeps it out of the audio payload", async () => {
    const trailer = id3v1Trailer("Old title", 17);
    const source = fresh("v1.mp3");
    await writeFile(
      source,
      Buffer.concat([id3v2Tag(3, [id3v2Frame(3, "TCON", textData("Rock"))], 100), frames, trailer]),
    );
    const target = await rewrite(source, ["Jazz"]);
    const bytes = await readFile(target);
    expect(bytes.subarray(bytes.length - 128).equals(trailer)).toBe(true);
    expect((await musicMetadataOf(target)).common.genre).toEqual(["Jazz"]);
    // Without an ID3v2 tag the ID3v1 genre is not read (nor changed); the new ID3v2 genre wins for readers.
    const v1Only = fresh("v1-only.mp3");
    await writeFile(v1Only, Buffer.concat([frames, trailer]));
    expect((await format.readGenres(v1Only)).genres).toEqual([]);
    expect((await musicMetadataOf(v1Only)).common.genre).toEqual(["Rock"]);
    const v1Written = await rewrite(v1Only, ["Jazz"]);
    expect((await musicMetadataOf(v1Written)).common.genre).toEqual(["Jazz"]);
    expect((await readFile(v1Written)).subarray(-128).equals(trailer)).toBe(true);
    const withoutTrailer = fresh("v1-stripped.mp3");
    await writeFile(withoutTrailer, Buffer.concat([id3v2Tag(3, [], 10), frames]));
    expect(await format.audioPayloadHash(source)).toBe(await format.audioPayloadHash(withoutTrailer));
  });

  it("writes into a v2.4 tag flagged unsynchronised with the frame flag set", async () => {
    const source = fresh("unsync24.mp3");
    const title = id3v2Frame(4, "TIT2", textData("T", 3), 0x02);
    await writeFile(source, Buffer.concat([id3v2Tag(4, [title], 40, 0x80), frames]));
    const target = await rewrite(source, ["Dub"]);
    const layout = await layoutOf(target);
    expect(layout!.flags).toBe(0x80);
    expect(layout!.frames[1]).toMatchObject({ id: "TCON", formatFlags: 0x02 });
    expect((await format.readGenres(target)).genres).toEqual(["Dub"]);
  });

  it.each([
    ["a v2.3 tag unsynchronised as a whole", id3v2Tag(3, [id3v2Frame(3, "TIT2", textData("T"))], 10, 0x80)],
    ["a v2.4 tag with a footer", id3v2Tag(4, [id3v2Frame(4, "TIT2", textData("T", 3))], 0, 0x10)],
  ])("refuses to write %s (UNSUPPORTED_FORMAT)", async (_name, tag) => {
    const source = fresh("refused.mp3");
    const footer =
      tag[5] === 0x10 ? Buffer.concat([Buffer.from("3DI", "latin1"), tag.subarray(3, 10)]) : Buffer.alloc(0);
    await writeFile(source, Buffer.concat([tag, footer, frames]));
    await expect(format.writeCopyWithGenres(source, fresh("x"), ["A"])).rejects.toMatchObject({
      code: "UNSUPPORTED_FORMAT",
    });
  });

  it("reads but refuses to rewrite a tag with an extended header", async () => {
    // v2.3 extended header: size 6 (excluding itself), no flags, padding size 0.
    const body = Buffer.concat([Buffer.of(0, 0, 0, 6, 0, 0, 0, 0, 0, 0), id3v2Frame(3, "TCON", textData("Rock"))]);
    const source = fresh("extended.mp3");
    await writeFile(source, Buffer.concat([id3v2Tag(3, [body], 0, 0x40), frames]));
    expect((await format.readGenres(source)).genres).toEqual(["Rock"]);
    await expect(format.writeCopyWithGenres(source, fresh("x"), ["A"])).rejects.toMatchObject({
      code: "UNSUPPORTED_FORMAT",
    });
  });

  it("refuses ID3v2.2 tags, reading included (UNSUPPORTED_FORMAT)", async () => {
    const source = fresh("v22.mp3");
    await writeFile(source, Buffer.concat([id3v2Tag(2, [], 10), frames]));
    await expect(format.readGenres(source)).rejects.toMatchObject({ code: "UNSUPPORTED_FORMAT" });
  });

  it("throws CORRUPT_AUDIO on a frame running past the tag", async () => {
    const source = fresh("corrupt.mp3");
    const frame = id3v2Frame(3, "TCON", textData("Rock"));
    frame[7] = 200;
    await writeFile(source, Buffer.concat([id3v2Tag(3, [frame], 0), frames]));
    await expect(format.readGenres(source)).rejects.toMatchObject({ code: "CORRUPT_AUDIO" });
  });

  it("recognises ID3v2 and bare MPEG frames but not FLAC-named files or other data", () => {
    const id3 = id3v2Tag(4, [], 64);
    expect(format.recognises(id3, "a.mp3")).toBe(true);
    expect(format.recognises(id3, "a.FLAC")).toBe(false);
    expect(format.recognises(frames.subarray(0, 64), "a.mp3")).toBe(true);
    expect(format.recognises(Buffer.from("RIFF\u0000\u0000\u0000\u0000WAVEfmt ", "latin1"), "a.wav")).toBe(false);
    expect(format.recognises(Buffer.of(0xff, 0xf1, 0x50, 0x80), "a.aac")).toBe(false); // ADTS: layer 0
  });
});
