import { appendFile, open, readFile, stat, writeFile } from "node:fs/promises";
import { parseFile } from "music-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundledFfmpegPath, createFixtureDir, encodeFixture, type FixtureDir } from "../../io/test-helpers/fixtures.js";
import { stereoTones } from "../../io/test-helpers/tones.js";
import type { Mp4Atom } from "./mp4-atom.js";
import { topLevelAtoms } from "./mp4-file.js";
import { mp4GenreTagFormat as mp4 } from "./mp4-genre-tags.js";
import { decodedPcm, errorCode, peakBufferGrowth } from "./test-helpers/tag-checks.js";

/** Genres and the other native tags, as music-metadata reads them. */
async function independentTags(path: string): Promise<{ genres: string[]; others: string[] }> {
  const metadata = await parseFile(path);
  const others = Object.values(metadata.native)
    .flat()
    .filter((tag) => tag.id !== "\u00a9gen" && tag.id !== "gnre")
    .map((tag) => `${tag.id}=${JSON.stringify(tag.value)}`);
  return { genres: metadata.common.genre ?? [], others };
}

async function layout(path: string): Promise<Mp4Atom[]> {
  const handle = await open(path, "r");
  try {
    return await topLevelAtoms(handle, (await handle.stat()).size, path);
  } finally {
    await handle.close();
  }
}

const startOf = (atoms: readonly Mp4Atom[], type: string) => atoms.find((atom) => atom.type === type)!.start;

describe("mp4GenreTagFormat", () => {
  let fixtures: FixtureDir;
  let ffmpeg: string;
  const files: Record<string, string> = {};

  beforeAll(async () => {
    fixtures = await createFixtureDir("mp4-tags");
    ffmpeg = await bundledFfmpegPath();
    const signal = stereoTones(44_100, 2);
    const tags = ["-metadata", "title=Tones", "-metadata", "artist=Tonearm"];
    const jobs: [string, string[]][] = [
      ["end", ["-c:a", "aac", "-b:a", "128k", "-metadata", "genre=Rock", ...tags]],
      ["fast", ["-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart", ...tags]],
      ["alac", ["-c:a", "alac", "-movflags", "+faststart", "-metadata", "genre=Rock", ...tags]],
      ["fragmented", ["-c:a", "aac", "-movflags", "frag_keyframe+empty_moov", "-metadata", "genre=Rock"]],
    ];
    await Promise.all(
      jobs.map(async ([name, args]) => {
        files[name] = await encodeFixture(fixtures, signal, `${name}.m4a`, args);
      }),
    );
  });

  afterAll(async () => {
    await fixtures.remove();
  });

  it("recognises ISO files by ftyp and QuickTime files by their first atom and extension", async () => {
    const head = (await readFile(files.end!)).subarray(0, 64);
    expect(mp4.recognises(head, "x.m4a")).toBe(true);
    const quickTime = Buffer.from("\0\0\0\x10moov\0\0\0\0\0\0\0\0");
    expect(mp4.recognises(quickTime, "x.mov")).toBe(true);
    expect(mp4.recognises(quickTime, "x.mp3")).toBe(false);
    expect(mp4.recognises(Buffer.from("OggS\0\x02\0\0\0\0\0\0\0\0\0\0"), "x.m4a")).toBe(false);
  });

  it.each([
    ["end", ["Rock"], false],
    ["fast", [], true],
    ["alac", ["Rock"], true],
  ] as const)(
    "rewrites the genres of %s.m4a: both readers agree; other tags, mdat and PCM unchanged",
    async (name, old, moovFirst) => {
      const source = files[name]!;
      expect((await mp4.readGenres(source)).genres).toEqual(old);
      const before = await independentTags(source);
      expect(before.genres).toEqual(old);
      const payload = await mp4.audioPayloadHash(source);
      const pcm = await decodedPcm(ffmpeg, source);
      expect(pcm.bytes).toBeGreaterThan(100_000);

      let previous = source;
      for (const [step, genres] of [
        ["grown", ["Jazz", "Blues", "Field recording ".repeat(40)]],
        ["shrunk", ["Pop"]],
        ["none", []],
      ] as const) {
        const target = fixtures.file(`${name}-${step}.m4a`);
        await mp4.writeCopyWithGenres(previous, target, genres);
        expect((await mp4.readGenres(target)).genres).toEqual(genres);
        const after = await independentTags(target);
        expect(after.genres).toEqual(genres);
        expect(after.others).toEqual(before.others);
        expect(await mp4.audioPayloadHash(target)).toBe(payload);
        expect(await decodedPcm(ffmpeg, target)).toEqual({ ...pcm, stderr: "" });
        if (step === "grown") {
          // moov before mdat grew: the media data moved, so every chunk offset had to follow.
          const moved = startOf(await layout(target), "mdat") - startOf(await layout(source), "mdat");
          expect(moved > 0).toBe(moovFirst);
        }
        previous = target;
      }
      const again = fixtures.file(`${name}-again.m4a`);
      await mp4.writeCopyWithGenres(previous, again, []);
      expect((await readFile(again)).equals(await readFile(previous))).toBe(true);
    },
  );

  it("reads the old gnre atom and replaces it by ©gen", async () => {
    const withTwoLetters = fixtures.file("gnre-source.m4a");
    await mp4.writeCopyWithGenres(files.end!, withTwoLetters, ["ab"]);
    // A ©gen item holding "ab" has exactly the size of a gnre item, so it can be patched in place.
    const bytes = await readFile(withTwoLetters);
    const at = bytes.indexOf(Buffer.from("\u00a9gen", "latin1"));
    expect(bytes.readUInt32BE(at - 4)).toBe(26);
    bytes.write("gnre", at, "latin1");
    bytes.writeUInt32BE(0, at + 12);
    bytes.writeUInt16BE(18, at + 20); // ID3v1 genre 17 + 1
    const legacy = fixtures.file("gnre.m4a");
    await writeFile(legacy, bytes);
    expect((await mp4.readGenres(legacy)).genres).toEqual(["Rock"]);
    expect((await independentTags(legacy)).genres).toEqual(["Rock"]);

    const target = fixtures.file("gnre-replaced.m4a");
    await mp4.writeCopyWithGenres(legacy, target, ["Jazz"]);
    const rewritten = await readFile(target);
    expect(rewritten.includes(Buffer.from("gnre", "latin1"))).toBe(false);
    expect((await mp4.readGenres(target)).genres).toEqual(["Jazz"]);
    expect((await independentTags(target)).genres).toEqual(["Jazz"]);
    expect((await decodedPcm(ffmpeg, target)).hash).toBe((await decodedPcm(ffmpeg, files.end!)).hash);
  });

  it("handles a 64-bit mdat size and an mdat that runs to the end of the file", async () => {
    const end = await readFile(files.end!);
    const atoms = await layout(files.end!);
    expect(atoms.map((atom) => [atom.type, atom.start])).toEqual([
      ["ftyp", 0],
      ["free", 24],
      ["mdat", 32],
      ["moov", atoms[3]!.start],
    ]);
    // The 8-byte free atom and the mdat header become one 16-byte header: nothing moves.
    const large = Buffer.from(end);
    large.writeUInt32BE(1, 24);
    large.write("mdat", 28, "latin1");
    large.writeBigUInt64BE(BigInt(atoms[2]!.size + 8), 32);
    const fast = await readFile(files.fast!);
    const toEnd = Buffer.from(fast);
    toEnd.writeUInt32BE(0, startOf(await layout(files.fast!), "mdat"));
    for (const [name, bytes, original] of [
      ["large", large, files.end!],
      ["to-end", toEnd, files.fast!],
    ] as const) {
      const source = fixtures.file(`${name}.m4a`);
      await writeFile(source, bytes);
      const pcm = await decodedPcm(ffmpeg, original);
      expect(await decodedPcm(ffmpeg, source)).toEqual(pcm);
      const target = fixtures.file(`${name}-out.m4a`);
      await mp4.writeCopyWithGenres(source, target, ["Electronic", "Ambient ".repeat(30)]);
      expect((await mp4.readGenres(target)).genres).toEqual(["Electronic", "Ambient ".repeat(30)]);
      expect(await mp4.audioPayloadHash(target)).toBe(await mp4.audioPayloadHash(original));
      expect(await decodedPcm(ffmpeg, target)).toEqual({ ...pcm, stderr: "" });
    }
  });

  it("streams the atoms around moov: buffer memory stays far below the file size", async () => {
    const big = fixtures.file("big.m4a");
    const padding = Buffer.alloc(8);
    padding.writeUInt32BE((32 << 20) + 8);
    padding.write("free", 4, "latin1");
    await writeFile(big, Buffer.concat([await readFile(files.fast!), padding]));
    const zeros = Buffer.alloc(1 << 20);
    for (let i = 0; i < 32; i++) await appendFile(big, zeros);
    const target = fixtures.file("big-out.m4a");
    const growth = await peakBufferGrowth(() => mp4.writeCopyWithGenres(big, target, ["z".repeat(100_000)]));
    expect(growth).toBeLessThan(8 << 20);
    expect((await mp4.readGenres(target)).genres).toEqual(["z".repeat(100_000)]);
    expect((await stat(target)).size).toBe((await stat(big)).size + 8 + 16 + 100_000);
  });

  it("reads a fragmented MP4 but refuses to write it", async () => {
    expect((await mp4.readGenres(files.fragmented!)).genres).toEqual(["Rock"]);
    const code = await errorCode(mp4.writeCopyWithGenres(files.fragmented!, fixtures.file("frag-out.m4a"), ["Pop"]));
    expect(code).toBe("UNSUPPORTED_FORMAT");
    await expect(mp4.writeCopyWithGenres(files.fragmented!, fixtures.file("frag-out.m4a"), [])).rejects.toThrow(
      /fragmented/,
    );
  });

  it("reports truncated files and impossible atom sizes as CORRUPT_AUDIO", async () => {
    const end = await readFile(files.end!);
    const fast = await readFile(files.fast!);
    const moovAt = startOf(await layout(files.end!), "moov");
    const patched = (bytes: Buffer, at: number, value: number) => {
      const copy = Buffer.from(bytes);
      copy.writeUInt32BE(value, at);
      return copy;
    };
    const stcoCount = fast.indexOf(Buffer.from("stco", "latin1")) + 8;
    const corrupt = "CORRUPT_AUDIO";
    const cases: [string, Buffer, string, string, string][] = [
      ["cut-moov", end.subarray(0, end.length - 300), corrupt, corrupt, corrupt],
      ["cut-mdat", fast.subarray(0, Math.floor(fast.length / 2)), corrupt, corrupt, corrupt],
      ["moov-size-3", patched(end, moovAt, 3), corrupt, corrupt, corrupt],
      ["moov-size-huge", patched(end, moovAt, 0x7fff_ffff), corrupt, corrupt, corrupt],
      [
        "udta-past-moov",
        patched(end, end.indexOf(Buffer.from("udta", "latin1")) - 4, 100_000),
        corrupt,
        "resolved",
        corrupt,
      ],
      ["stco-count", patched(fast, stcoCount, 0x7fff_ffff), "resolved", "resolved", corrupt],
      ["stray-bytes", Buffer.concat([end, Buffer.from([1, 2, 3])]), corrupt, corrupt, corrupt],
      ["empty", Buffer.alloc(0), corrupt, "resolved", corrupt],
    ];
    for (const [name, bytes, read, hash, write] of cases) {
      const path = fixtures.file(`${name}.m4a`);
      await writeFile(path, bytes);
      const codes = [
        await errorCode(mp4.readGenres(path)),
        await errorCode(mp4.audioPayloadHash(path)),
        await errorCode(mp4.writeCopyWithGenres(path, fixtures.file(`${name}-out.m4a`), ["Rock ".repeat(40)])),
      ];
      expect([name, ...codes]).toEqual([name, read, hash, write]);
    }
  });
});
