import { describe, expect, it } from "vitest";
import { chordEmissions } from "./chord-emissions.js";
import { chordLabel, chordVocabulary } from "./chord-vocabulary.js";
import { RECOGNIZE_CHORDS_DEFAULTS } from "./recognize-chords.js";

const vocabulary = chordVocabulary();
const labels = Array.from({ length: vocabulary.states }, (_, state) => chordLabel(vocabulary, state));

/** The best-scoring label of each step for treble and bass pitch classes (unit energies). */
function bestLabels(steps: readonly { treble: readonly number[]; bass: readonly number[] }[]): string[] {
  const treble = new Float32Array(steps.length * 12);
  const bass = new Float32Array(steps.length * 12);
  steps.forEach((step, t) => {
    for (const pitchClass of step.treble) treble[t * 12 + pitchClass] = 1;
    for (const pitchClass of step.bass) bass[t * 12 + pitchClass] = 1;
  });
  const { logLikelihoods } = chordEmissions({ steps: steps.length, treble, bass }, vocabulary);
  return steps.map((_, t) => {
    const row = logLikelihoods.subarray(t * vocabulary.states, (t + 1) * vocabulary.states);
    let best = 0;
    for (let s = 1; s < vocabulary.states; s++) if (row[s]! > row[best]!) best = s;
    return chordLabel(vocabulary, best);
  });
}

describe("chordEmissions", () => {
  it("lets a bass on the fifth weigh less than a chord change at the half bar", () => {
    // A C# E plus G# and B over E in the bass: as much A major (with a melody on B and G#) as
    // E major. A root–fifth bass puts E under A major for half of every bar; if the bass alone
    // favoured E major by more than a change at the half bar costs, the recogniser would
    // name that half E. With the root at 0.6 against 0.15 for the fifth, it did (4.2 > 3).
    const treble = new Float32Array(12);
    for (const pitchClass of [9, 1, 4, 8, 11]) treble[pitchClass] = 1;
    const bass = new Float32Array(12);
    bass[4] = 1;
    const { logLikelihoods } = chordEmissions({ steps: 1, treble, bass }, vocabulary);
    const score = (label: string) => logLikelihoods[labels.indexOf(label)]!;
    expect(score("E:maj") - score("A:maj")).toBeLessThan(RECOGNIZE_CHORDS_DEFAULTS.changeCost.halfBar);
    expect(bestLabels([{ treble: [9, 1, 4, 11], bass: [4] }])).toEqual(["A:maj"]);
  });

  it("keeps a chord over its own root ahead of the chord a third below it", () => {
    // C E G over C: C major, not A minor with its third in the bass.
    expect(bestLabels([{ treble: [0, 4, 7], bass: [0] }])).toEqual(["C:maj"]);
  });

  it("rejects bass probabilities that do not leave room for the other pitch classes", () => {
    const step = { steps: 1, treble: new Float32Array(12), bass: new Float32Array(12) };
    expect(() =>
      chordEmissions(step, vocabulary, {
        bassRootProbability: 0.5,
        bassFifthProbability: 0.4,
        bassToneProbability: 0.2,
      }),
    ).toThrow(/summing below 1/);
    expect(() => chordEmissions(step, vocabulary, { bassFifthProbability: -0.1 })).toThrow(/bass probabilities/);
  });

  it("still follows the bass between chords the treble cannot tell apart", () => {
    // C E G A is C6 or Am7: the bass says which.
    expect(bestLabels([{ treble: [0, 4, 7, 9], bass: [9] }])[0]).toMatch(/^A:min/);
    expect(bestLabels([{ treble: [0, 4, 7, 9], bass: [0] }])[0]).toMatch(/^C:maj/);
  });
});
