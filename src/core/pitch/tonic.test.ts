import { describe, expect, it } from "vitest";
import { addChord, midiToHz } from "../test-helpers/harmonic-signals.js";
import { createGaussianRandom } from "../test-helpers/seeded-random.js";
import { hzToCents } from "./hz-to-cents.js";
import { type PitchTrack, pyin } from "./pyin.js";
import { mix, tanpuraDrone, wanderingMelody } from "./test-helpers/tonic-signals.js";
import { estimateTonic } from "./tonic.js";
import { droneSpectrumPeaks } from "./tonic-drone-peaks.js";

const RATE = 22_050;
const SECONDS = 8;

/** Harmonic notes (MIDI numbers) of `seconds` each, one after another. */
function notesOf(notes: readonly number[], seconds: number): Float32Array {
  const noteLength = Math.round(seconds * RATE);
  const samples = new Float32Array(notes.length * noteLength);
  for (const [i, midi] of notes.entries()) {
    addChord(samples, RATE, i * noteLength, noteLength, [midi], { amplitude: 0.3 });
  }
  return samples;
}

/** D major: D4 on every other note, the others wandering over the scale. */
const D_MELODY = Array.from({ length: 16 }, (_, i) => (i % 2 === 0 ? 62 : [64, 66, 67, 69, 71, 73, 74][(i * 5) % 7]!));

function track(samples: Float32Array): PitchTrack {
  return pyin(samples, { sampleRate: RATE, fmin: 60, fmax: 1000, hopSize: 256 });
}

describe("droneSpectrumPeaks", () => {
  it("finds Sa, Pa and upper Sa of a drone under a melody, within 5 cents", () => {
    const signal = mix(tanpuraDrone(138, RATE, SECONDS), wanderingMelody(138, RATE, SECONDS, 7).samples);
    const peaks = droneSpectrumPeaks(signal, RATE);
    for (const hz of [138, 207, 276]) {
      const nearest = Math.min(...peaks.map((peak) => Math.abs(hzToCents(peak.hz, hz))));
      expect(nearest).toBeLessThan(5);
    }
  });

  it("finds no strong peaks in white noise", () => {
    const random = createGaussianRandom(3);
    const noise = Float32Array.from({ length: RATE * 4 }, () => 0.1 * random());
    const peaks = droneSpectrumPeaks(noise, RATE);
    expect(peaks.every((peak) => peak.weight < 3)).toBe(true);
  });
});

describe("estimateTonic", () => {
  it("finds the Sa of a tanpura-like drone under a wandering melody within 20 cents", () => {
    for (const [saHz, seed] of [
      [138, 7],
      [207.65, 11],
    ] as const) {
      const signal = mix(tanpuraDrone(saHz, RATE, SECONDS), wanderingMelody(saHz, RATE, SECONDS, seed).samples);
      const tonic = estimateTonic(track(signal), { spectrumPeaks: droneSpectrumPeaks(signal, RATE) });
      expect(tonic).not.toBeNull();
      expect(Math.abs(hzToCents(tonic!.hz, saHz))).toBeLessThan(20);
      expect(tonic!.confidence).toBeGreaterThan(0.3);
    }
  });

  it("names the pitch class and octave: 138 Hz is C#3, 7 cents flat", () => {
    const drone = tanpuraDrone(138, RATE, 4);
    const tonic = estimateTonic(track(new Float32Array(RATE)), { spectrumPeaks: droneSpectrumPeaks(drone, RATE) });
    expect(tonic).toMatchObject({ pitchClass: 1, octave: 3 });
    expect(tonic!.centsOffset).toBeCloseTo(hzToCents(138, midiToHz(49)), 0);
  });

  it("prefers the candidate with a strong fifth when the melody dwells on Pa", () => {
    // Drone on D3; the melody sits on A (Pa) more than on anything else, D only in passing.
    const melody = notesOf([69, 71, 69, 67, 69, 66, 69, 64, 69, 62, 69, 71, 69, 67, 69, 74], 0.4);
    const signal = mix(tanpuraDrone(146.83, RATE, melody.length / RATE, 0.05), melody);
    const options = { spectrumPeaks: droneSpectrumPeaks(signal, RATE) };
    const pitch = track(signal);
    expect(estimateTonic(pitch, options)?.pitchClass).toBe(2);
    // Without the fifth rule the melody's Pa (A) wins.
    expect(estimateTonic(pitch, { ...options, fifthWeight: 0 })?.pitchClass).toBe(9);
  });

  it("takes the most frequent note of a melody alone as the tonic", () => {
    const samples = notesOf(D_MELODY, 0.4);
    const tonic = estimateTonic(track(samples));
    expect(tonic).toMatchObject({ pitchClass: 2, octave: 4 });
    expect(Math.abs(hzToCents(tonic!.hz, midiToHz(62)))).toBeLessThan(20);
  });

  it("lets a given key pick the tonic among the candidates", () => {
    const samples = notesOf(D_MELODY, 0.4);
    const tonic = estimateTonic(track(samples), { keyPitchClass: 9 });
    expect(tonic?.pitchClass).toBe(9);
  });

  it("has low confidence when every pitch class is equally likely", () => {
    const samples = notesOf(
      Array.from({ length: 24 }, (_, i) => 60 + (i % 12)),
      0.25,
    );
    const tonic = estimateTonic(track(samples));
    expect(tonic).not.toBeNull();
    expect(tonic!.confidence).toBeLessThan(0.2);
  });

  it("finds nothing, or nothing confident, in noise", () => {
    const random = createGaussianRandom(5);
    const noise = Float32Array.from({ length: RATE * 4 }, () => 0.1 * random());
    const tonic = estimateTonic(track(noise), { spectrumPeaks: droneSpectrumPeaks(noise, RATE) });
    expect(tonic === null || tonic.confidence < 0.2).toBe(true);
  });
});

describe("estimateTonic with a key hint", () => {
  const SA_HZ = 146.83; // D3
  const droneAndMelody = mix(tanpuraDrone(SA_HZ, RATE, SECONDS), wanderingMelody(SA_HZ, RATE, SECONDS, 7).samples);
  const dronePeaks = droneSpectrumPeaks(droneAndMelody, RATE);
  const dronePitch = track(droneAndMelody);
  const melodyPitch = track(notesOf(D_MELODY, 0.4));

  it("takes the key's tonic for a melody without a drone, in the melody's octave", () => {
    const tonic = estimateTonic(melodyPitch, { key: { tonicPitchClass: 9, mode: "minor", confidence: 0.8 } });
    expect(tonic).toMatchObject({ pitchClass: 9, octave: 3, decidedBy: "key" });
    expect(Math.abs(hzToCents(tonic!.hz, midiToHz(57)))).toBeLessThan(20);
    // A candidate of the histogram, weaker than D: the key's confidence scaled by that support.
    expect(tonic!.confidence).toBeGreaterThan(0);
    expect(tonic!.confidence).toBeLessThan(0.8);
  });

  it("keeps a key that agrees with the melody at no less than the melody's own confidence", () => {
    const alone = estimateTonic(melodyPitch)!;
    const hinted = estimateTonic(melodyPitch, { key: { tonicPitchClass: 2, mode: "major", confidence: 0.9 } })!;
    expect(hinted).toMatchObject({ pitchClass: 2, octave: 4, decidedBy: "key" });
    expect(hinted.hz).toBeCloseTo(alone.hz, 6);
    expect(hinted.confidence).toBeGreaterThanOrEqual(alone.confidence);
  });

  it("lets a confident drone stand against a disagreeing key", () => {
    const tonic = estimateTonic(dronePitch, {
      spectrumPeaks: dronePeaks,
      key: { tonicPitchClass: 7, mode: "major", confidence: 0.9 },
    });
    expect(tonic).toMatchObject({ pitchClass: 2, octave: 3, decidedBy: "pitch" });
    expect(Math.abs(hzToCents(tonic!.hz, SA_HZ))).toBeLessThan(20);
  });

  it("takes the key over a drone estimate below keyOverridesBelow", () => {
    const tonic = estimateTonic(dronePitch, {
      spectrumPeaks: dronePeaks,
      key: { tonicPitchClass: 7, mode: "major", confidence: 0.9 },
      keyOverridesBelow: 1,
    });
    expect(tonic).toMatchObject({ pitchClass: 7, decidedBy: "key" });
    expect(Number.isFinite(tonic!.hz)).toBe(true);
  });

  it("does not let high partials that many notes share pass for a drone against the key", () => {
    // The D major scale up and down: D6 (D4's 4th, D5's 2nd harmonic) outlasts every note.
    const scale = notesOf([62, 64, 66, 67, 69, 71, 73, 74, 74, 73, 71, 69, 67, 66, 64, 62], 0.4);
    const peaks = droneSpectrumPeaks(scale, RATE);
    expect(peaks.length).toBeGreaterThan(0);
    const options = { spectrumPeaks: peaks, key: { tonicPitchClass: 7, confidence: 0.8 } };
    expect(estimateTonic(track(scale), options)).toMatchObject({ pitchClass: 7, decidedBy: "key" });
    // A drone sounding that high would stand.
    expect(estimateTonic(track(scale), { ...options, keyDroneMaxHz: 2000 })).toMatchObject({ decidedBy: "pitch" });
  });

  it("places a key's pitch class the drone lacks near the drone's lowest strong partial", () => {
    const drone = tanpuraDrone(SA_HZ, RATE, 4);
    const tonic = estimateTonic(track(new Float32Array(RATE)), {
      spectrumPeaks: droneSpectrumPeaks(drone, RATE),
      key: { tonicPitchClass: 5, confidence: 0.7 },
      keyOverridesBelow: 1,
    });
    expect(tonic).toMatchObject({ pitchClass: 5, decidedBy: "key" });
    expect(tonic!.hz).toBeGreaterThan(80);
    expect(tonic!.hz).toBeLessThan(700);
  });

  it("ignores a key of confidence 0 and refuses malformed hints", () => {
    const alone = estimateTonic(melodyPitch)!;
    const ignored = estimateTonic(melodyPitch, { key: { tonicPitchClass: 9, confidence: 0 } })!;
    expect(ignored).toMatchObject({ pitchClass: alone.pitchClass, decidedBy: "pitch" });
    expect(() => estimateTonic(melodyPitch, { key: { tonicPitchClass: 12, confidence: 0.5 } })).toThrow(
      /key.tonicPitchClass must be an integer 0…11, got 12/,
    );
    expect(() => estimateTonic(melodyPitch, { key: { tonicPitchClass: 2, confidence: Number.NaN } })).toThrow(
      /key.confidence/,
    );
    expect(() => estimateTonic(melodyPitch, { keyOverridesBelow: 2 })).toThrow(/keyOverridesBelow/);
  });

  it("answers null for silence, with or without a key", () => {
    const silence = track(new Float32Array(RATE));
    expect(estimateTonic(silence, { key: { tonicPitchClass: 2, confidence: 1 } })).toBeNull();
  });
});
