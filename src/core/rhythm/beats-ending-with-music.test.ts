import { describe, expect, it } from "vitest";
import { beatsEndingWithMusic } from "./beats-ending-with-music.js";

const PERIOD = 0.5;
/** A 4/4 grid of 40 beats from 0 s; downbeats every fourth beat. */
const beats = Array.from({ length: 40 }, (_, i) => i * PERIOD);
const downbeats = beats.filter((_, i) => i % 4 === 0);
const grid = { beats, downbeats };

describe("beatsEndingWithMusic", () => {
  it("completes the bar of a final chord on a downbeat and drops the ring after it", () => {
    // Music stops with a chord on the downbeat at 12 s (beat 24); bar 24–27 is kept.
    const onsets = [...beats.slice(0, 25)];
    const ended = beatsEndingWithMusic(grid, 4, onsets, 20);
    expect(ended.beats).toEqual(beats.slice(0, 28));
    expect(ended.downbeats).toEqual([0, 2, 4, 6, 8, 10, 12]);
  });

  it("adds the final bar's beats when the tracker stopped at its downbeat", () => {
    // The tracker found nothing to lock to in the held chord after the downbeat at 12 s.
    const onsets = [...beats.slice(0, 25)];
    const stopped = { beats: beats.slice(0, 25), downbeats: downbeats.slice(0, 7) };
    const ended = beatsEndingWithMusic(stopped, 4, onsets, 20);
    expect(ended.beats).toEqual([...beats.slice(0, 25), 12.5, 13, 13.5]);
    expect(ended.downbeats).toEqual(downbeats.slice(0, 7));
  });

  it("carries the bar count into added beats that start a bar, and never adds more than a bar", () => {
    // Tracked to beat 23 (11.5 s), the last onset on the downbeat at 12 s: one bar at most.
    const onsets = [...beats.slice(0, 25)];
    const stopped = { beats: beats.slice(0, 24), downbeats: downbeats.slice(0, 6) };
    const ended = beatsEndingWithMusic(stopped, 4, onsets, 20);
    expect(ended.beats).toEqual(beats.slice(0, 28));
    expect(ended.downbeats).toEqual(downbeats.slice(0, 7));
  });

  it("adds no beat past the end of the track", () => {
    const onsets = [...beats.slice(0, 25)];
    const stopped = { beats: beats.slice(0, 25), downbeats: downbeats.slice(0, 7) };
    expect(beatsEndingWithMusic(stopped, 4, onsets, 13.2).beats).toEqual([...beats.slice(0, 25), 12.5, 13]);
  });

  it("keeps every beat when the music plays to the end", () => {
    expect(beatsEndingWithMusic(grid, 4, beats, 20)).toEqual(grid);
  });

  it("ignores an onset at the very end of the file (an abrupt cut)", () => {
    const onsets = [...beats.slice(0, 25), 19.99];
    expect(beatsEndingWithMusic(grid, 4, onsets, 20).beats).toHaveLength(28);
  });

  it("without a meter, keeps beats up to half a period after the last onset and adds none", () => {
    const onsets = [...beats.slice(0, 23)]; // last onset 11 s
    expect(beatsEndingWithMusic(grid, null, onsets, 20).beats).toHaveLength(23);
    const stopped = { beats: beats.slice(0, 20), downbeats: [] };
    expect(beatsEndingWithMusic(stopped, null, onsets, 20).beats).toHaveLength(20);
  });

  it("keeps everything when there are no onsets or too few beats", () => {
    expect(beatsEndingWithMusic(grid, 4, [], 20)).toEqual(grid);
    const two = { beats: [0, 0.5], downbeats: [0] };
    expect(beatsEndingWithMusic(two, 4, [0], 20)).toEqual(two);
  });
});
