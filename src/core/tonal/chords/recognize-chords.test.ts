import { describe, expect, it } from "vitest";
import { magnitudeSpectrogram } from "../../dsp/spectrogram.js";
import { stft } from "../../dsp/stft.js";
import { chordScores } from "../../evaluation/chord-metrics.js";
import { aggregateChroma } from "../../features/aggregate-chroma.js";
import { spectralPeaks } from "../../features/spectral-peaks.js";
import { whiteNoise } from "../../test-helpers/signals.js";
import { bassTrebleChroma } from "./bass-treble-chroma.js";
import { chordGrid } from "./chord-grid.js";
import { type ChordRecognition, RECOGNIZE_CHORDS_DEFAULTS, recognizeChords } from "./recognize-chords.js";

const SAMPLE_RATE = 22_050;
const BEAT_SECONDS = 0.5;
const midiToHz = (midi: number) => 440 * 2 ** ((midi - 69) / 12);

/** A chord as MIDI notes: bass note, then the chord tones in the middle register. */
type Voicing = readonly number[];

/** Harmonic tones (6 partials, amplitude 1/h) for each chord, `secondsEach` long. */
function renderChords(voicings: readonly Voicing[], secondsEach: number): Float32Array {
  const length = Math.round(voicings.length * secondsEach * SAMPLE_RATE);
  const out = new Float32Array(length);
  const perChord = Math.round(secondsEach * SAMPLE_RATE);
  voicings.forEach((notes, index) => {
    for (const note of notes) {
      const frequency = midiToHz(note);
      for (let h = 1; h <= 6; h++) {
        const step = (2 * Math.PI * frequency * h) / SAMPLE_RATE;
        for (let i = 0; i < perChord; i++) {
          const fade = Math.min(1, i / 200, (perChord - i) / 200);
          out[index * perChord + i]! += (0.05 / h) * fade * Math.sin(step * i);
        }
      }
    }
  });
  return out;
}

function recognize(samples: Float32Array): ChordRecognition {
  const spectrogram = magnitudeSpectrogram(stft(samples, SAMPLE_RATE, { frameSize: 2048, hopSize: 512 }));
  const chroma = bassTrebleChroma(spectralPeaks(spectrogram));
  const duration = samples.length / SAMPLE_RATE;
  const beats = Array.from({ length: Math.floor(duration / BEAT_SECONDS) }, (_, i) => i * BEAT_SECONDS);
  const boundaries = chordGrid(beats, duration);
  const treble = aggregateChroma({ ...chroma, data: chroma.treble }, boundaries, "median");
  const bass = aggregateChroma({ ...chroma, data: chroma.bass }, boundaries, "median");
  return recognizeChords({ steps: boundaries.length - 1, treble, bass }, boundaries);
}

describe("recognizeChords", () => {
  it("recognises a synthesised progression of triads and sevenths", () => {
    // C, Am, F, G7, Cmaj7, Dm7, Bdim, Dsus4 — bass on the root (octave 2), chord in octave 4.
    const chords: readonly [string, Voicing][] = [
      ["C:maj", [36, 60, 64, 67]],
      ["A:min", [45, 57, 60, 64]],
      ["F:maj", [41, 60, 65, 69]],
      ["G:7", [43, 59, 62, 65, 67]],
      ["C:maj7", [36, 60, 64, 67, 71]],
      ["D:min7", [38, 60, 62, 65, 69]],
      ["C:maj", [36, 60, 64, 67]],
      ["A:min", [45, 57, 60, 64]],
    ];
    const secondsEach = 2;
    const samples = renderChords(
      chords.map(([, voicing]) => voicing),
      secondsEach,
    );
    const { segments } = recognize(samples);
    const estimated = {
      intervals: segments.map((segment) => [segment.startSeconds, segment.endSeconds] as const),
      labels: segments.map((segment) => segment.label),
    };
    const reference = {
      intervals: chords.map((_, i) => [i * secondsEach, (i + 1) * secondsEach] as const),
      labels: chords.map(([label]) => label),
    };
    const scores = chordScores(reference, estimated);
    expect(scores.root).toBeGreaterThan(0.9);
    expect(scores.majmin).toBeGreaterThan(0.9);
    expect(scores.sevenths).toBeGreaterThan(0.9);
    expect(segments.map((segment) => segment.name)).toEqual(
      expect.arrayContaining(["C", "Am", "F", "G7", "Cmaj7", "Dm7"]),
    );
    for (const segment of segments) expect(segment.confidence).toBeGreaterThanOrEqual(0);
  });

  it("tells a seventh chord from its triad", () => {
    // C, G, C, G7: the same G triad with and without its minor seventh (F).
    const samples = renderChords(
      [
        [36, 60, 64, 67],
        [43, 59, 62, 67],
        [36, 60, 64, 67],
        [43, 59, 62, 65, 67],
      ],
      4,
    );
    const labels = recognize(samples)
      .segments.filter((segment) => segment.endSeconds - segment.startSeconds > 1)
      .map((segment) => segment.label);
    expect(labels).toEqual(["C:maj", "G:maj", "C:maj", "G:7"]);
  });

  it("labels silence N with confidence 0", () => {
    const { segments } = recognize(new Float32Array(SAMPLE_RATE * 4));
    expect(segments.map((segment) => segment.label)).toEqual(["N"]);
    expect(segments[0]!.confidence).toBe(0);
  });

  it("labels white noise N with low confidence", () => {
    const { segments } = recognize(whiteNoise(SAMPLE_RATE * 4, 7, 0.3));
    for (const segment of segments) {
      expect(segment.label).toBe("N");
      expect(segment.confidence).toBeLessThan(0.2);
      expect(Number.isFinite(segment.confidence)).toBe(true);
    }
  });

  it("handles no steps, one step and NaN observations", () => {
    expect(recognizeChords({ steps: 0, treble: new Float32Array(0), bass: new Float32Array(0) }, []).segments).toEqual(
      [],
    );
    const treble = new Float32Array(12).fill(Number.NaN);
    const one = recognizeChords({ steps: 1, treble, bass: new Float32Array(12) }, [0, 0.5]);
    expect(one.segments).toHaveLength(1);
    expect(one.segments[0]!.label).toBe("N");
    expect(Number.isFinite(one.segments[0]!.confidence)).toBe(true);
    expect(() => recognizeChords({ steps: 2, treble, bass: treble }, [0, 1])).toThrow(/boundariesSeconds/);
  });

  it("keeps a chord through an arpeggiated bar when changes are dear off the bar line", () => {
    // Two 4/4 bars of C then F; in each bar the bass walks root, third, fifth, root and the
    // melody dwells on the third and fifth at beat 2, so beat by beat it reads as Em / Am.
    const steps = 8;
    const treble = new Float32Array(steps * 12);
    const bass = new Float32Array(steps * 12);
    const bars = [
      { tones: [0, 4, 7], walk: [0, 4, 7, 0], melody: [4, 7, 11] },
      { tones: [5, 9, 0], walk: [5, 9, 0, 5], melody: [9, 0, 4] },
    ];
    bars.forEach(({ tones, walk, melody }, bar) => {
      for (let beat = 0; beat < 4; beat++) {
        const t = bar * 4 + beat;
        for (const pitchClass of beat === 1 ? melody : tones) treble[t * 12 + pitchClass] = 1;
        bass[t * 12 + walk[beat]!] = 1;
      }
    });
    const boundaries = Array.from({ length: steps + 1 }, (_, i) => i * 0.5);
    const metricalPositions = Int32Array.from({ length: steps }, (_, t) => t % 4);
    const labels = (result: ChordRecognition) => result.segments.map((segment) => segment.label);
    const withBars = recognizeChords({ steps, treble, bass, metricalPositions, stepsPerBar: 4 }, boundaries);
    expect(labels(withBars)).toEqual(["C:maj", "F:maj"]);
    expect(withBars.segments[1]!.startSeconds).toBe(2);
    const { changeCost } = RECOGNIZE_CHORDS_DEFAULTS;
    expect(changeCost.downbeat).toBeLessThan(changeCost.halfBar);
    expect(changeCost.halfBar).toBeLessThan(changeCost.otherBeat);
    expect(() =>
      recognizeChords({ steps, treble, bass, metricalPositions: new Int32Array(3), stepsPerBar: 4 }, boundaries),
    ).toThrow(/metricalPositions/);
  });
});
