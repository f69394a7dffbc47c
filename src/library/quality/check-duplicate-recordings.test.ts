import { describe, expect, it } from "vitest";
import { chromaprintFingerprint } from "../../core/fingerprint/index.js";
import { chordsWithBursts, melody } from "../../core/fingerprint/test-helpers/music-like.js";
import { checkDuplicateRecordings } from "./check-duplicate-recordings.js";
import { checkContext } from "./test-helpers/check-context.js";
import { MP3_FACTS, qualityTrack } from "./test-helpers/quality-library.js";

const RATE = 11025;
const SECONDS = 30;

function printed(path: string, title: string, signal: Float32Array, mp3 = false) {
  return qualityTrack(path, {
    tags: { title, artist: title },
    facts: { ...(mp3 ? MP3_FACTS : {}), durationSeconds: signal.length / RATE },
    fingerprint: chromaprintFingerprint(signal, RATE),
  });
}

describe("checkDuplicateRecordings", () => {
  const original = melody(RATE, SECONDS, 7);
  // The same audio quieter and starting 0.43 s later: 3.47 fingerprint hops, so frames are
  // misaligned by half a hop, the worst case (bit error rate ≈ 0.06, 42 of 217 values exact).
  const shifted = original.subarray(Math.round(0.43 * RATE)).map((value) => 0.5 * value);
  const louder = original.map((value) => 1.4 * value);

  it("finds the same recording at other gains and offsets whatever the tags, and not different audio", () => {
    const tracks = [
      printed("a/original.flac", "Original", original),
      printed("b/shifted.mp3", "Something Else", shifted, true),
      printed("c/other-melody.flac", "Other", melody(RATE, SECONDS, 8)),
      printed("d/bursts.flac", "Bursts", chordsWithBursts(RATE, SECONDS, 9)),
      printed("e/louder.flac", "Louder", louder),
    ];
    const issues = checkDuplicateRecordings(checkContext(tracks), new Map());
    expect(issues).toHaveLength(1);
    const [issue] = issues;
    expect(issue!.kind).toBe("duplicate-recording");
    expect(issue!.paths).toEqual(["/music/a/original.flac", "/music/b/shifted.mp3", "/music/e/louder.flac"]);
    expect(issue!.severity).toBe("info");
    expect(issue!.details?.best).not.toBe("/music/b/shifted.mp3");
    const matches = issue!.details?.matches as { score: number; offsetSeconds: number }[];
    expect(matches.length).toBeGreaterThanOrEqual(2);
    for (const match of matches) expect(match.score).toBeGreaterThan(0.75);
  });

  it("needs two fingerprinted tracks", () => {
    const tracks = [printed("a/original.flac", "Original", original), qualityTrack("b/none.flac")];
    expect(checkDuplicateRecordings(checkContext(tracks), new Map())).toEqual([]);
  });
});
