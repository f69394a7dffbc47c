import { describe, expect, it } from "vitest";
import { gaussianNoise } from "../../core/test-helpers/signals.js";
import type { AudioSignal } from "../../core/types.js";
import { analyzeAudio } from "../analyze-audio.js";
import { type Structure, structureAnalysis } from "./structure.js";

const RATE = 22050;
const BPM = 120;
const BEAT = 60 / BPM;
const BAR_BEATS = 4;
const SECTION_BARS = 4;
const SECTION_SECONDS = SECTION_BARS * BAR_BEATS * BEAT;

/** A section's material: one chord (MIDI notes) per bar, the partials' amplitudes, hi-hats or not. */
interface Material {
  readonly chords: readonly (readonly number[])[];
  readonly partials: readonly number[];
  readonly hats: boolean;
}

const MATERIAL: Record<string, Material> = {
  // C – F – G – C, soft tones, kick only.
  A: {
    chords: [
      [60, 64, 67],
      [65, 69, 72],
      [67, 71, 74],
      [60, 64, 67],
    ],
    partials: [1, 0.3],
    hats: false,
  },
  // Am – Em – Dm – E, a bright sawtooth-like tone, with off-beat hi-hats.
  B: {
    chords: [
      [57, 60, 64],
      [64, 67, 71],
      [62, 65, 69],
      [64, 68, 71],
    ],
    partials: [1, 0.5, 0.33, 0.25, 0.2, 0.17, 0.14],
    hats: true,
  },
  // Bb – Eb – Ab – Db, hollow (odd partials), an octave lower.
  C: {
    chords: [
      [46, 50, 53],
      [51, 55, 58],
      [56, 60, 63],
      [49, 53, 56],
    ],
    partials: [1, 0, 0.33, 0, 0.2],
    hats: false,
  },
};

const RING_SECONDS = 3;

/**
 * A song in `form` (letters of MATERIAL), 4 bars per section at 120 BPM, a kick on every
 * beat, then the last chord ringing out for RING_SECONDS, as songs end.
 */
function song(form: string): AudioSignal {
  const musicSeconds = form.length * SECTION_SECONDS;
  const length = Math.round((musicSeconds + (form.length > 1 ? RING_SECONDS : 0)) * RATE);
  const out = new Float32Array(length);
  const beatSamples = Math.round(BEAT * RATE);
  const noise = gaussianNoise(beatSamples, 3, 1);
  const note = (chord: readonly number[], partials: readonly number[], time: number): number => {
    let value = 0;
    for (const midi of chord) {
      const frequency = 440 * 2 ** ((midi - 69) / 12);
      partials.forEach((amplitude, h) => {
        if (amplitude > 0 && (h + 1) * frequency < RATE / 2) {
          value += amplitude * Math.sin(2 * Math.PI * (h + 1) * frequency * time);
        }
      });
    }
    return value;
  };
  for (let s = 0; s < form.length; s++) {
    const material = MATERIAL[form[s]!]!;
    for (let bar = 0; bar < SECTION_BARS; bar++) {
      const chord = material.chords[bar]!;
      for (let beat = 0; beat < BAR_BEATS; beat++) {
        const start = Math.round(((s * SECTION_BARS + bar) * BAR_BEATS + beat) * BEAT * RATE);
        for (let i = 0; i < beatSamples && start + i < length; i++) {
          const time = i / RATE;
          const kick = (beat === 0 ? 1 : 0.6) * Math.exp(-30 * time) * Math.sin(2 * Math.PI * 60 * time);
          const offbeat = i - beatSamples / 2;
          const hat = material.hats && offbeat >= 0 ? 0.1 * Math.exp(-60 * (offbeat / RATE)) * noise[offbeat]! : 0;
          out[start + i] = 0.05 * Math.exp(-2 * time) * note(chord, material.partials, time) + 0.5 * kick + hat;
        }
      }
    }
  }
  const last = MATERIAL[form.at(-1)!]!;
  const ringStart = Math.round(musicSeconds * RATE);
  for (let i = 0; ringStart + i < length; i++) {
    const time = i / RATE;
    out[ringStart + i] = 0.05 * Math.exp(-2 * time) * note(last.chords[0]!, last.partials, time);
  }
  return { channels: [out], sampleRate: RATE };
}

async function structureOfAudio(audio: AudioSignal): Promise<Structure> {
  const report = await analyzeAudio(audio, { origin: "signal" }, { analyses: ["structure"] });
  return report.analyses.structure!;
}

function expectWellFormed(structure: Structure, durationSeconds: number): void {
  expect(structure.sections.length).toBeGreaterThanOrEqual(1);
  expect(structure.sections[0]!.start).toBe(0);
  expect(structure.sections.at(-1)!.end).toBeCloseTo(durationSeconds, 2);
  for (let k = 1; k < structure.sections.length; k++) {
    expect(structure.sections[k]!.start).toBe(structure.sections[k - 1]!.end);
  }
  for (const section of structure.sections) {
    expect(Number.isFinite(section.confidence)).toBe(true);
    expect(section.end).toBeGreaterThan(section.start);
  }
  for (const boundary of structure.boundaries) expect(Number.isFinite(boundary.confidence)).toBe(true);
  expect(structureAnalysis.schema.safeParse(structure).success).toBe(true);
}

describe("the structure analysis", () => {
  it("finds the sections of an A B A C A song and labels the repeats alike", async () => {
    const form = "ABACA";
    const structure = await structureOfAudio(song(form));
    expectWellFormed(structure, form.length * SECTION_SECONDS + RING_SECONDS);
    expect(structure.boundaries).toHaveLength(form.length - 1);
    structure.boundaries.forEach((boundary, k) => {
      // Within a beat of the true bar line.
      expect(Math.abs(boundary.time - (k + 1) * SECTION_SECONDS)).toBeLessThanOrEqual(BEAT + 0.05);
    });
    expect(structure.sections.map((section) => section.label).join("")).toBe("ABACA");
    // The returning section is the chorus, the middle one heard once after it the bridge.
    expect(structure.sections.map((section) => section.name)).toEqual([
      "chorus",
      "instrumental",
      "chorus",
      "bridge",
      "chorus",
    ]);
    expect(structure.sections[0]!.confidence).toBeGreaterThan(0.3);
    expect(structureAnalysis.toCorpus!(structure).sections).toHaveLength(form.length);
  });

  it("gives silence one section with low confidence", async () => {
    const structure = await structureOfAudio({ channels: [new Float32Array(10 * RATE)], sampleRate: RATE });
    expectWellFormed(structure, 10);
    expect(structure.sections).toHaveLength(1);
    expect(structure.boundaries).toHaveLength(0);
    expect(structure.sections[0]!.confidence).toBeLessThan(0.5);
  });

  it("gives white noise at most a few low-confidence sections, never NaN", async () => {
    const structure = await structureOfAudio({ channels: [gaussianNoise(20 * RATE, 7, 0.1)], sampleRate: RATE });
    expectWellFormed(structure, 20);
    expect(structure.sections.length).toBeLessThanOrEqual(3);
  });

  it("gives a 0.5-s clip one section with low confidence", async () => {
    const structure = await structureOfAudio(clip(song("A"), 0.5));
    expectWellFormed(structure, 0.5);
    expect(structure.sections).toHaveLength(1);
    expect(structure.sections[0]!.confidence).toBeLessThan(0.2);
  });

  it("survives an empty signal", async () => {
    const structure = await structureOfAudio({ channels: [new Float32Array(0)], sampleRate: RATE });
    expect(structure.sections.length).toBeLessThanOrEqual(1);
    expect(structure.boundaries).toHaveLength(0);
  });
});

function clip(audio: AudioSignal, seconds: number): AudioSignal {
  return {
    channels: audio.channels.map((channel) => channel.slice(0, Math.round(seconds * audio.sampleRate))),
    sampleRate: audio.sampleRate,
  };
}
