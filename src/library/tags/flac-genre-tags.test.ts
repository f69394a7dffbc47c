import { readFile, writeFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFixtureDir, type FixtureDir } from "../../io/test-helpers/fixtures.js";
import { FLAC_FRESH_PADDING_BYTES, flacGenreTagFormat } from "./flac-genre-tags.js";
import { FlacBlockType } from "./flac-metadata-layout.js";
import {
  encodeTone,
  type FlacBlockBytes,
  flacBlocksOf,
  flacFile,
  flacPictureData,
  id3v2Frame,
  id3v2Tag,
  metadataArgs,
  musicMetadataOf,
  pcmHash,
  textData,
  vorbisCommentData,
} from "./test-helpers/tag-fixtures.js";
import { parseVorbisComments } from "./vorbis-comment-block.js";

const format = flacGenreTagFormat;
let fixtures: FixtureDir;
let encoded: string;
let streamInfo: FlacBlockBytes;
let audio: Buffer;
let counter = 0;

beforeAll(async () => {
  fixtures = await createFixtureDir("flac-tags");
  const tags = { genre: "Rock", title: "Hello", artist: "Someone", album: "Tones" };
  encoded = await encodeTone(fixtures, "tone.flac", ["-c:a", "flac", ...metadataArgs(tags)]);
  const { blocks, audioStart } = await flacBlocksOf(encoded);
  streamInfo = blocks[0]!;
  audio = (await readFile(encoded)).subarray(audioStart);
});
afterAll(() => fixtures.remove());

const fresh = (name: string): string => fixtures.file(`${counter++}-${name}`);

async function rewrite(source: string, genres: readonly string[]): Promise<string> {
  const target = fresh("out.flac");
  await format.writeCopyWithGenres(source, target, genres);
  return target;
}

async function handMade(blocks: readonly FlacBlockBytes[], prefix: Uint8Array = new Uint8Array(0)): Promise<string> {
  const path = fresh("hand.flac");
  await writeFile(path, Buffer.concat([prefix, flacFile(blocks, audio)]));
  return path;
}

const comment = (comments: readonly string[]): FlacBlockBytes => ({
  type: FlacBlockType.vorbisComment,
  data: vorbisCommentData("vendor 1.0", comments),
});
const padding = (length: number): FlacBlockBytes => ({ type: FlacBlockType.padding, data: Buffer.alloc(length) });

describe("flacGenreTagFormat", () => {
  it("replaces the genre of an ffmpeg FLAC in place: comments, vendor, blocks and audio unchanged", async () => {
    expect((await format.readGenres(encoded)).genres).toEqual(["Rock"]);
    const target = await rewrite(encoded, ["Jazz", "Blues"]);
    expect((await format.readGenres(target)).genres).toEqual(["Jazz", "Blues"]);
    const before = await musicMetadataOf(encoded);
    const after = await musicMetadataOf(target);
    expect(after.common.genre).toEqual(["Jazz", "Blues"]);
    for (const key of ["title", "artist", "album"] as const) expect(after.common[key]).toBe(before.common[key]);

    const old = await flacBlocksOf(encoded);
    const now = await flacBlocksOf(target);
    expect(now.audioStart).toBe(old.audioStart); // the padding absorbed the growth
    expect(now.blocks.map((block) => block.type)).toEqual(old.blocks.map((block) => block.type));
    expect(Buffer.from(now.blocks[0]!.data).equals(Buffer.from(streamInfo.data))).toBe(true);
    const oldComments = parseVorbisComments(old.blocks[1]!.data, "old");
    const newComments = parseVorbisComments(now.blocks[1]!.data, "new");
    expect(Buffer.from(newComments.vendor).equals(Buffer.from(oldComments.vendor))).toBe(true);
    const text = (list: readonly Uint8Array[]): string[] => list.map((bytes) => Buffer.from(bytes).toString("utf8"));
    expect(text(newComments.comments)).toEqual(
      text(oldComments.comments).flatMap((entry) => (entry === "genre=Rock" ? ["GENRE=Jazz", "GENRE=Blues"] : [entry])),
    );
    expect(await format.audioPayloadHash(target)).toBe(await format.audioPayloadHash(encoded));
    expect(await pcmHash(fixtures, target)).toBe(await pcmHash(fixtures, encoded));
  });

  it("creates a VORBIS_COMMENT block before the padding when there is none, keeping the audio in place", async () => {
    const picture: FlacBlockBytes = { type: FlacBlockType.picture, data: flacPictureData(Buffer.alloc(500, 0x5a)) };
    const source = await handMade([streamInfo, picture, padding(100)]);
    expect((await format.readGenres(source)).genres).toEqual([]);
    const target = await rewrite(source, ["Rock"]);
    const { blocks, audioStart } = await flacBlocksOf(target);
    expect(blocks.map((block) => block.type)).toEqual([0, FlacBlockType.picture, FlacBlockType.vorbisComment, 1]);
    expect(Buffer.from(blocks[1]!.data).equals(picture.data)).toBe(true);
    expect(audioStart).toBe((await flacBlocksOf(source)).audioStart);
    const metadata = await musicMetadataOf(target);
    expect(metadata.common.genre).toEqual(["Rock"]);
    expect(Buffer.from(metadata.common.picture![0]!.data).equals(Buffer.alloc(500, 0x5a))).toBe(true);
    expect(Buffer.from(parseVorbisComments(blocks[2]!.data, "x").vendor).toString()).toBe("tonearm");
    expect(await format.audioPayloadHash(target)).toBe(await format.audioPayloadHash(source));
    // No comment block and no genre: the copy is the file itself.
    expect((await readFile(await rewrite(source, []))).equals(await readFile(source))).toBe(true);
  });

  it("adds fresh padding when a file without padding must grow; the audio moves but stays identical", async () => {
    const source = await handMade([streamInfo, comment(["TITLE=x", "genre=Rock"])]);
    const target = await rewrite(source, ["Progressive Rock"]);
    const { blocks } = await flacBlocksOf(target);
    expect(blocks.map((block) => block.type)).toEqual([0, FlacBlockType.vorbisComment, FlacBlockType.padding]);
    expect(blocks[2]!.data.length).toBe(FLAC_FRESH_PADDING_BYTES);
    expect(await format.audioPayloadHash(target)).toBe(await format.audioPayloadHash(source));
    expect(await pcmHash(fixtures, target)).toBe(await pcmHash(fixtures, source));
    expect((await musicMetadataOf(target)).common.title).toBe("x");
  });

  it("shrinks, grows or drops the padding by exactly the change of the comment block", async () => {
    const source = await handMade([streamInfo, comment(["GENRE=Rock"]), padding(10)]);
    const start = (await flacBlocksOf(source)).audioStart;
    // "GENRE=Rock" is 10 bytes; the padding block 10 bytes of data, 14 with its header.
    for (const [genre, paddingBytes] of [
      ["Rock and Roll", 1], // 9 bytes longer
      ["Rock and Roll!", 0], // 10 bytes longer: an empty padding block
      ["R", 13], // 3 bytes shorter
    ] as const) {
      const target = await rewrite(source, [genre]);
      const { blocks, audioStart } = await flacBlocksOf(target);
      expect(audioStart).toBe(start);
      expect(blocks.map((block) => block.type)).toEqual([0, FlacBlockType.vorbisComment, FlacBlockType.padding]);
      expect(blocks[2]!.data.length).toBe(paddingBytes);
      expect((await musicMetadataOf(target)).common.genre).toEqual([genre]);
    }
    // 14 bytes longer: exactly the padding block with its header, which goes.
    const dropped = await flacBlocksOf(await rewrite(source, ["Rock and Roll!!!!!"]));
    expect(dropped.blocks.map((block) => block.type)).toEqual([0, FlacBlockType.vorbisComment]);
    expect(dropped.audioStart).toBe(start);
    // 12 bytes longer: does not fit, so fresh padding and the audio moves.
    const grown = await flacBlocksOf(await rewrite(source, ["Rock and Roll!!!"]));
    expect(grown.blocks[2]!.data.length).toBe(FLAC_FRESH_PADDING_BYTES);
    expect(grown.audioStart).toBe(start + 12 - 10 + FLAC_FRESH_PADDING_BYTES);
  });

  it("keeps a leading ID3v2 tag byte for byte and reads the Vorbis comment only", async () => {
    const id3 = id3v2Tag(3, [id3v2Frame(3, "TCON", textData("Pop"))], 20);
    const source = await handMade([streamInfo, comment(["GENRE=Rock"]), padding(50)], id3);
    expect(format.recognises(id3.subarray(0, 64), "with-id3.flac")).toBe(true);
    expect((await format.readGenres(source)).genres).toEqual(["Rock"]);
    const target = await rewrite(source, ["Jazz"]);
    const bytes = await readFile(target);
    expect(bytes.subarray(0, id3.length).equals(id3)).toBe(true);
    expect((await format.readGenres(target)).genres).toEqual(["Jazz"]);
    expect(bytes.length).toBe((await readFile(source)).length);
    expect(await format.audioPayloadHash(target)).toBe(await format.audioPayloadHash(source));
  });

  it("reads GENRE case-insensitively and refuses two comment blocks (CORRUPT_AUDIO)", async () => {
    const mixed = await handMade([streamInfo, comment(["Genre=Ska", "ARTIST=a", "genre=Dub"])]);
    expect((await format.readGenres(mixed)).genres).toEqual(["Ska", "Dub"]);
    const twice = await handMade([streamInfo, comment(["GENRE=A"]), comment(["GENRE=B"])]);
    await expect(format.readGenres(twice)).rejects.toMatchObject({ code: "CORRUPT_AUDIO" });
    await expect(format.writeCopyWithGenres(twice, fresh("x"), ["C"])).rejects.toMatchObject({ code: "CORRUPT_AUDIO" });
  });

  it("throws CORRUPT_AUDIO when a block runs past the end of the file or STREAMINFO is missing", async () => {
    const truncated = fresh("truncated.flac");
    await writeFile(truncated, flacFile([streamInfo, comment(["GENRE=A"])], Buffer.alloc(0)).subarray(0, 60));
    await expect(format.readGenres(truncated)).rejects.toMatchObject({ code: "CORRUPT_AUDIO" });
    const noStreamInfo = await handMade([comment(["GENRE=A"]), streamInfo]);
    await expect(format.readGenres(noStreamInfo)).rejects.toMatchObject({ code: "CORRUPT_AUDIO" });
  });
});
