import { describe, expect, it } from "vitest";
import type { Spectrogram } from "../dsp/spectrogram.js";
import { estimateMeter } from "./estimate-meter.js";

const BEATS = 48;
const FRAMES_PER_BEAT = 25;
const beatFrames = Int32Array.from({ length: BEATS }, (_, i) => 10 + i * FRAMES_PER_BEAT);
const frames = 10 + BEATS * FRAMES_PER_BEAT + 10;
/** A flat spectrogram: the spectral harmonic-change cue says nothing. */
const flat: Spectrogram = {
  frames,
  bins: 4,
  hopSize: 441,
  frameSize: 2048,
  sampleRate: 44_100,
  data: new Float32Array(frames * 4).fill(1),
};
/** Low-band onset envelope with a bump at the given beats. */
const lowAccents = (accented: (beat: number) => boolean) => {
  const envelope = new Float32Array(frames).fill(0.1);
  beatFrames.forEach((frame, i) => {
    if (accented(i)) envelope[frame] = 1;
  });
  return envelope;
};
/** Chroma of the stretches around the beats ((beats + 1) × 12): triad `chordAt(stretch)`. */
const chromaOf = (chordAt: (stretch: number) => number) => {
  const chroma = new Float32Array((BEATS + 1) * 12);
  for (let s = 0; s <= BEATS; s++) {
    const root = chordAt(s);
    for (const interval of [0, 4, 7]) chroma[s * 12 + ((root + interval) % 12)] = 1;
  }
  return chroma;
};

describe("estimateMeter", () => {
  it("hears 3/4 and its bar lines from chord changes when the bass gives no accent", () => {
    // Stretch s lies between beats s − 1 and s; chords change at beats 1, 4, 7, …
    const chroma = chromaOf((s) => [0, 5, 7, 9][Math.floor((s + 1) / 3) % 4]!);
    const meter = estimateMeter(
      beatFrames,
      lowAccents(() => false),
      flat,
      {},
      chroma,
    );
    expect(meter.beatsPerBar).toBe(3);
    expect(meter.downbeatIndices[0]).toBe(1);
  });

  it("takes the bar line from the bass accents when chords also change on the half bar", () => {
    // Chords change at every odd beat; the bass accents beats 3, 7, 11, …
    const chroma = chromaOf((s) => [0, 5, 7, 9][Math.floor(s / 2) % 4]!);
    const meter = estimateMeter(
      beatFrames,
      lowAccents((i) => i % 4 === 3),
      flat,
      {},
      chroma,
    );
    expect(meter.beatsPerBar).toBe(4);
    expect(meter.downbeatIndices[0]).toBe(3);
  });

  it("splits bars of 4 into bars of 2 only when asked and the half bars are alike", () => {
    // A march: bass on beats 0, 2, 4, …; the chord alternates I–V every bar of 2 beats.
    const chroma = chromaOf((s) => [0, 7][Math.floor((s + 1) / 2) % 2]!);
    const march = lowAccents((i) => i % 2 === 0);
    expect(estimateMeter(beatFrames, march, flat, {}, chroma).beatsPerBar).toBe(4);
    const split = estimateMeter(beatFrames, march, flat, { splitBelow: 0.5 }, chroma);
    expect(split.beatsPerBar).toBe(2);
    expect([...split.downbeatIndices.slice(0, 3)]).toEqual([0, 2, 4]);
    // Bass on every other beat but a chord change only every 4 beats: the bar stays 4.
    const slowHarmony = chromaOf((s) => [0, 5, 7, 9][Math.floor((s + 3) / 4) % 4]!);
    const four = estimateMeter(beatFrames, march, flat, { splitBelow: 0.5 }, slowHarmony);
    expect(four.beatsPerBar).toBe(4);
    expect(four.downbeatIndices[0]).toBe(0);
  });

  it("needs two bars of beats and a chroma of the right shape", () => {
    expect(
      estimateMeter(
        beatFrames.slice(0, 5),
        lowAccents(() => false),
        flat,
      ).beatsPerBar,
    ).toBeNull();
    expect(() =>
      estimateMeter(
        beatFrames,
        lowAccents(() => false),
        flat,
        {},
        new Float32Array(12),
      ),
    ).toThrow(RangeError);
  });
});
