import { describe, expect, it } from "vitest";
import {
  describePlayback,
  encodingMarginDb,
  findStreamingPlatform,
  platformPlayback,
  STREAMING_PLATFORMS,
} from "./streaming-platforms.js";

const spotify = findStreamingPlatform("spotify");
const youtube = findStreamingPlatform("youtube");

describe("STREAMING_PLATFORMS", () => {
  it("covers the platforms of the issue with their reference levels", () => {
    const levels = Object.fromEntries(STREAMING_PLATFORMS.map((platform) => [platform.id, platform.referenceLufs]));
    expect(levels).toEqual({
      spotify: -14,
      "spotify-loud": -11,
      "spotify-quiet": -19,
      "apple-music": -16,
      youtube: -14,
      tidal: -14,
      "amazon-music": -14,
      deezer: -15,
      soundcloud: -14,
      pandora: -14,
    });
    for (const platform of STREAMING_PLATFORMS) expect(platform.source.length).toBeGreaterThan(10);
  });

  it("throws for an unknown id, listing the known ones", () => {
    expect(findStreamingPlatform(" Apple-Music ").id).toBe("apple-music");
    expect(() => findStreamingPlatform("napster")).toThrow(/unknown platform "napster"; expected one of spotify, /);
  });
});

describe("platformPlayback", () => {
  it("turns a loud master down to the reference (Spotify normal: −8 LUFS, −0.2 dBTP)", () => {
    const playback = platformPlayback(-8, -0.2, spotify);
    expect(playback.action).toBe("turned-down");
    expect(playback.gainDb).toBeCloseTo(-6, 9);
    expect(playback.playbackLufs).toBeCloseTo(-14, 9);
    expect(playback.playbackTruePeakDbtp).toBeCloseTo(-6.2, 9);
    expect(playback.limitedBy).toBeNull();
    // Louder than −14 LUFS: 2 dB of encoding headroom needed, −0.2 dBTP leaves 0.2.
    expect(playback.encodingMarginDb).toBe(2);
    expect(playback.clipRiskAfterEncoding).toBe(true);
    expect(describePlayback(playback)).toBe(
      "Spotify (normal): turned down by 6.0 dB to −14.0 LUFS, true peak −6.2 dBTP; clip risk after encoding: the lossy encode may overshoot (needs 2 dB true-peak headroom)",
    );
  });

  it("raises a quiet master only while its true peak stays at or below −1 dBTP (Spotify normal)", () => {
    const playback = platformPlayback(-20, -3, spotify);
    expect(playback.action).toBe("turned-up");
    expect(playback.gainDb).toBeCloseTo(2, 9);
    expect(playback.playbackLufs).toBeCloseTo(-18, 9);
    expect(playback.playbackTruePeakDbtp).toBeCloseTo(-1, 9);
    expect(playback.limitedBy).toBe("peak-headroom");
    expect(playback.encodingMarginDb).toBe(1);
    expect(playback.clipRiskAfterEncoding).toBe(false);
    // Spotify's own example: −20 LUFS with a −5 dBTP peak is lifted to −16 LUFS.
    expect(platformPlayback(-20, -5, spotify).playbackLufs).toBeCloseTo(-16, 9);
    // Enough headroom: lifted all the way.
    const full = platformPlayback(-16, -10, spotify);
    expect(full.gainDb).toBeCloseTo(2, 9);
    expect(full.limitedBy).toBeNull();
  });

  it("leaves quiet masters alone on down-only platforms (YouTube)", () => {
    const playback = platformPlayback(-20, -3, youtube);
    expect(playback.action).toBe("unchanged");
    expect(playback.gainDb).toBe(0);
    expect(playback.playbackLufs).toBe(-20);
    expect(playback.playbackTruePeakDbtp).toBe(-3);
    expect(platformPlayback(-9, -1, youtube).gainDb).toBeCloseTo(-5, 9);
  });

  it("boosts fully in Spotify's loud mode and lets its limiter hold the peaks at −1 dB", () => {
    const loud = findStreamingPlatform("spotify-loud");
    const playback = platformPlayback(-16, -2, loud);
    expect(playback.gainDb).toBeCloseTo(5, 9);
    expect(playback.playbackLufs).toBeCloseTo(-11, 9);
    expect(playback.playbackTruePeakDbtp).toBe(-1);
    expect(playback.limitedBy).toBe("limiter");
    expect(playback.clipRiskAfterEncoding).toBe(false);
  });

  it("uses Apple's −16 LUFS Sound Check level and Deezer's −15", () => {
    expect(platformPlayback(-10, -1, findStreamingPlatform("apple-music")).gainDb).toBeCloseTo(-6, 9);
    expect(platformPlayback(-10, -1, findStreamingPlatform("deezer")).gainDb).toBeCloseTo(-5, 9);
  });

  it("counts gains under 0.05 dB as unchanged", () => {
    expect(platformPlayback(-14.02, -3, spotify).action).toBe("unchanged");
  });

  it("answers unknown, never NaN, without loudness", () => {
    for (const playback of [
      platformPlayback(null, null, spotify),
      platformPlayback(Number.NaN, -1, spotify),
      platformPlayback(-20, null, spotify),
    ]) {
      expect(playback.action).toBe("unknown");
      expect(playback.gainDb).toBeNull();
      expect(playback.playbackLufs).toBeNull();
      expect(describePlayback(playback)).toMatch(/cannot tell/);
    }
    expect(platformPlayback(null, null, spotify).clipRiskAfterEncoding).toBeNull();
  });
});

describe("encodingMarginDb", () => {
  it("asks 2 dB of masters louder than −14 LUFS and 1 dB of the rest", () => {
    expect(encodingMarginDb(-8)).toBe(2);
    expect(encodingMarginDb(-14)).toBe(1);
    expect(encodingMarginDb(-20)).toBe(1);
    expect(encodingMarginDb(null)).toBe(1);
  });
});
