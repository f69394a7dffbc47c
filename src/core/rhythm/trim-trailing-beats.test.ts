import { describe, expect, it } from "vitest";
import { beatsBeforeMusicEnds } from "./trim-trailing-beats.js";

const PERIOD = 0.5;
/** A 4/4 grid of 40 beats from 0 s; downbeats every fourth beat. */
const beats = Array.from({ length: 40 }, (_, i) => i * PERIOD);
const downbeats = beats.filter((_, i) => i % 4 === 0);

describe("beatsBeforeMusicEnds", () => {
  it("completes the bar of a final chord on a downbeat and drops the ring after it", () => {
    // Music stops with a chord on the downbeat at 12 s (beat 24); bar 24–27 is kept.
    const onsets = [...beats.slice(0, 25)];
    expect(beatsBeforeMusicEnds(beats, downbeats, 4, onsets, 20)).toBe(28);
  });

  it("keeps every beat when the music plays to the end", () => {
    expect(beatsBeforeMusicEnds(beats, downbeats, 4, beats, 20)).toBe(40);
  });

  it("ignores an onset at the very end of the file (an abrupt cut)", () => {
    const onsets = [...beats.slice(0, 25), 19.99];
    expect(beatsBeforeMusicEnds(beats, downbeats, 4, onsets, 20)).toBe(28);
  });

  it("without a meter, keeps beats up to half a period after the last onset", () => {
    const onsets = [...beats.slice(0, 23)]; // last onset 11 s
    expect(beatsBeforeMusicEnds(beats, [], null, onsets, 20)).toBe(23);
  });

  it("keeps everything when there are no onsets or too few beats", () => {
    expect(beatsBeforeMusicEnds(beats, downbeats, 4, [], 20)).toBe(40);
    expect(beatsBeforeMusicEnds([0, 0.5], [0], 4, [0], 20)).toBe(2);
  });
});
