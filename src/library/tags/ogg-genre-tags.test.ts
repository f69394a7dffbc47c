import { open, readFile, writeFile } from "node:fs/promises";
import { parseFile } from "music-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledFfmpegPath, createFixtureDir, encodeFixture, type FixtureDir } from "../../io/test-helpers/fixtures.js";
import { stereoTones } from "../../io/test-helpers/tones.js";
import { oggGenreTagFormat as ogg } from "./ogg-genre-tags.js";
import { OggPageReader } from "./ogg-page-reader.js";
import { readStreamHeaders } from "./ogg-stream-headers.js";
import { decodedPcm, errorCode, peakBufferGrowth } from "./test-helpers/tag-checks.js";

/** Every page's (serial, sequence) and the number of header pages. */
async function pageLayout(path: string): Promise<{ sequences: number[]; headerPages: number }> {
  const handle = await open(path, "r");
  try {
    const reader = new OggPageReader(handle, (await handle.stat()).size, path);
    const headers = await readStreamHeaders(reader, path);
    const sequences = [headers.idPage.sequence, ...headers.pages.map((page) => page.sequence)];
    for (let page = await reader.next(); page !== null; page = await reader.next()) sequences.push(page.sequence);
    return { sequences, headerPages: 1 + headers.pages.length };
  } finally {
    await handle.close();
  }
}

/** Native tags other than GENRE, as music-metadata reads them. */
async function otherTags(path: string): Promise<{ genres: string[]; others: string[] }> {
  const metadata = await parseFile(path);
  const others = Object.values(metadata.native)
    .flat()
    .filter((tag) => tag.id.toUpperCase() !== "GENRE")
    .map((tag) => `${tag.id}=${JSON.stringify(tag.value)}`);
  return { genres: metadata.common.genre ?? [], others };
}

const consecutive = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe("oggGenreTagFormat", () => {
  let fixtures: FixtureDir;
  let ffmpeg: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    fixtures = await createFixtureDir("ogg-tags");
    ffmpeg = await bundledFfmpegPath();
    const cd = stereoTones(44_100, 2);
    const tags = ["-metadata", "genre=Rock", "-metadata", "title=Tones", "-metadata", "artist=Tonearm"];
    const longComment = "long comment ".repeat(5_400); // 70 KB: the comment header spans several pages
    const jobs: [string, Parameters<typeof encodeFixture>[1], string[]][] = [
      ["vorbis", cd, ["-c:a", "libvorbis", "-q:a", "3", ...tags]],
      [
        "long",
        cd,
        ["-c:a", "libvorbis", "-q:a", "3", "-metadata", `comment=${longComment}`, "-metadata", "title=Long"],
      ],
      ["opus", stereoTones(48_000, 2), ["-c:a", "libopus", "-b:a", "96k", ...tags]],
      ["flac", cd, ["-c:a", "flac", "-f", "ogg"]],
      ["multiplexed", cd, ["-map", "0:a", "-map", "0:a", "-c:a", "libvorbis", "-f", "ogg"]],
    ];
    await Promise.all(
      jobs.map(async ([name, signal, args]) => {
        files[name] = await encodeFixture(fixtures, signal, `${name}.ogg`, args);
      }),
    );
  });

  afterAll(async () => {
    await fixtures.remove();
  });

  it("recognises Ogg pages and nothing else", async () => {
    const head = (await readFile(files.vorbis!)).subarray(0, 64);
    expect(ogg.recognises(head, "a.ogg")).toBe(true);
    expect(ogg.recognises(Buffer.from("fLaC\0\0\0\x22"), "a.ogg")).toBe(false);
    expect(ogg.recognises(Buffer.from("ID3\x04\0\0\0\0\0\0"), "a.ogg")).toBe(false);
  });

  it.each(["vorbis", "opus"])(
    "rewrites the genres of Ogg %s: both readers agree; other tags, payload and decoded PCM unchanged",
    async (name) => {
      const source = files[name]!;
      const target = fixtures.file(`${name}-rewritten.ogg`);
      expect((await ogg.readGenres(source)).genres).toEqual(["Rock"]);
      const before = { tags: await otherTags(source), payload: await ogg.audioPayloadHash(source) };
      const pcm = await decodedPcm(ffmpeg, source);

      await ogg.writeCopyWithGenres(source, target, ["Jazz", "Blues"]);

      expect((await ogg.readGenres(target)).genres).toEqual(["Jazz", "Blues"]);
      const after = await otherTags(target);
      expect(before.tags.genres).toEqual(["Rock"]);
      expect(after.genres).toEqual(["Jazz", "Blues"]);
      expect(after.others).toEqual(before.tags.others);
      expect(after.others.some((tag) => tag.includes("Tones"))).toBe(true);
      expect(await ogg.audioPayloadHash(target)).toBe(before.payload);
      expect(pcm.bytes).toBeGreaterThan(100_000);
      expect(await decodedPcm(ffmpeg, target)).toEqual({ ...pcm, stderr: "" });
      const layout = await pageLayout(target);
      expect(layout.sequences).toEqual(consecutive(0, layout.sequences.length));

      const again = fixtures.file(`${name}-again.ogg`);
      await ogg.writeCopyWithGenres(target, again, ["Jazz", "Blues"]);
      expect((await readFile(again)).equals(await readFile(target))).toBe(true);
    },
  );

  it("moves the comment header across pages and back, renumbering every later page", async () => {
    const source = files.long!;
    expect((await ogg.readGenres(source)).genres).toEqual([]);
    const original = await pageLayout(source);
    expect(original.headerPages).toBeGreaterThan(2);
    const payload = await ogg.audioPayloadHash(source);
    const pcm = await decodedPcm(ffmpeg, source);
    const { others } = await otherTags(source);
    const steps: [string, string[]][] = [
      ["short", ["Ambient"]],
      ["grown", ["x".repeat(200_000), "Drone"]],
      ["shrunk", ["Pop"]],
    ];
    let previous = source;
    const headerPages: number[] = [];
    for (const [step, genres] of steps) {
      const target = fixtures.file(`long-${step}.ogg`);
      await ogg.writeCopyWithGenres(previous, target, genres);
      expect((await ogg.readGenres(target)).genres).toEqual(genres);
      expect(await ogg.audioPayloadHash(target)).toBe(payload);
      expect(await decodedPcm(ffmpeg, target)).toEqual({ ...pcm, stderr: "" });
      const layout = await pageLayout(target);
      expect(layout.sequences).toEqual(
        consecutive(0, original.sequences.length - original.headerPages + layout.headerPages),
      );
      expect((await otherTags(target)).others).toEqual(others);
      headerPages.push(layout.headerPages);
      previous = target;
    }
    // 70 KB + setup fill two full pages after the identification page (as libogg lays them out
    // too); 270 KB need five, so every audio page moves up by three, then back down by three.
    expect(original.headerPages).toBe(3);
    expect(headerPages).toEqual([3, 6, 3]);
  });

  it("renumbers only the first link of a chained file whose next link reuses the serial number", async () => {
    const single = await readFile(files.vorbis!);
    const chained = fixtures.file("chained.ogg");
    await writeFile(chained, Buffer.concat([single, single]));
    const original = await pageLayout(chained);
    const linkPages = original.sequences.indexOf(0, 1);
    expect(original.sequences).toEqual([...consecutive(0, linkPages), ...consecutive(0, linkPages)]);
    const pcm = await decodedPcm(ffmpeg, chained);

    const target = fixtures.file("chained-grown.ogg");
    await ogg.writeCopyWithGenres(chained, target, ["y".repeat(100_000)]);
    const grown = await pageLayout(target);
    const grownLink = linkPages + grown.headerPages - original.headerPages;
    expect(grown.headerPages).toBeGreaterThan(original.headerPages);
    expect(grown.sequences).toEqual([...consecutive(0, grownLink), ...consecutive(0, linkPages)]);
    expect(await ogg.audioPayloadHash(target)).toBe(await ogg.audioPayloadHash(chained));
    expect(await decodedPcm(ffmpeg, target)).toEqual({ ...pcm, stderr: "" });
  });

  it("streams a large file page by page: buffer memory stays far below the file size", async () => {
    const single = await readFile(files.vorbis!);
    const big = fixtures.file("big.ogg");
    const handle = await open(big, "w");
    try {
      while ((await handle.stat()).size < 24 << 20) await handle.write(Buffer.concat(Array(64).fill(single)));
    } finally {
      await handle.close();
    }
    const target = fixtures.file("big-out.ogg");
    const growth = await peakBufferGrowth(() => ogg.writeCopyWithGenres(big, target, ["z".repeat(100_000)]));
    expect(growth).toBeLessThan(8 << 20);
    expect((await ogg.readGenres(target)).genres).toEqual(["z".repeat(100_000)]);
    expect(await peakBufferGrowth(() => ogg.audioPayloadHash(target))).toBeLessThan(8 << 20);
  });

  it("refuses FLAC in Ogg and multiplexed streams with UNSUPPORTED_FORMAT", async () => {
    for (const name of ["flac", "multiplexed"]) {
      expect(await errorCode(ogg.readGenres(files[name]!))).toBe("UNSUPPORTED_FORMAT");
      expect(await errorCode(ogg.writeCopyWithGenres(files[name]!, fixtures.file(`${name}-out.ogg`), ["Rock"]))).toBe(
        "UNSUPPORTED_FORMAT",
      );
    }
    await expect(ogg.readGenres(files.flac!)).rejects.toThrow(/FLAC in Ogg/);
  });

  it("reports truncated files, bad checksums and non-Ogg bytes as CORRUPT_AUDIO", async () => {
    const whole = await readFile(files.vorbis!);
    const long = await readFile(files.long!);
    const flipped = (bytes: Buffer, at: number) => {
      const copy = Buffer.from(bytes);
      copy[at] = copy[at]! ^ 0x40;
      return copy;
    };
    let seed = 12345;
    const noise = Buffer.alloc(4096, 0).map(() => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    });
    const cases: [string, Buffer, boolean][] = [
      ["cut-audio", whole.subarray(0, Math.floor(whole.length * 0.7)), false],
      ["cut-headers", long.subarray(0, 30_000), true],
      ["bad-crc-audio", flipped(whole, Math.floor(whole.length * 0.8)), false],
      ["bad-crc-comment", flipped(long, 20_000), true],
      ["noise", Buffer.concat([Buffer.from("OggS"), noise]), true],
      ["empty", Buffer.alloc(0), true],
    ];
    for (const [name, bytes, headersBroken] of cases) {
      const path = fixtures.file(`${name}.ogg`);
      await writeFile(path, bytes);
      const codes = [
        await errorCode(ogg.readGenres(path)),
        await errorCode(ogg.audioPayloadHash(path)),
        await errorCode(ogg.writeCopyWithGenres(path, fixtures.file(`${name}-out.ogg`), ["Rock"])),
      ];
      expect([name, ...codes]).toEqual([
        name,
        headersBroken ? "CORRUPT_AUDIO" : "resolved",
        "CORRUPT_AUDIO",
        "CORRUPT_AUDIO",
      ]);
    }
  });
});
