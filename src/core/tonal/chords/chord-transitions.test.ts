import { describe, expect, it } from "vitest";
import { CHORD_TRANSITION_DEFAULTS, type ChordTransitionOptions, chordTransitions } from "./chord-transitions.js";
import { chordVocabulary, FULL_VOCABULARY, MAJMIN_VOCABULARY } from "./chord-vocabulary.js";

/** The matrix by its definition (module header), one entry at a time, each row's weights summed in state order. */
function definition(qualities: readonly string[], options: ChordTransitionOptions): Float64Array {
  const { states, noChordState } = chordVocabulary(qualities);
  const { stayProbability, noChordProbability, fifthWeight, stepWeight, sameRootWeight } = options;
  const weight = (interval: number) =>
    interval === 0 ? sameRootWeight : interval === 5 || interval === 7 ? fifthWeight : interval === 6 ? 1 : stepWeight;
  const change = 1 - stayProbability;
  const matrix = new Float64Array(states * states);
  for (let from = 0; from < states; from++) {
    if (from === noChordState) {
      for (let to = 0; to < states; to++) {
        matrix[from * states + to] = Math.log(to === from ? stayProbability : change / (states - 1));
      }
      continue;
    }
    let total = 0;
    for (let to = 0; to < noChordState; to++) total += to === from ? 0 : weight((to - from + 1200) % 12);
    for (let to = 0; to < noChordState; to++) {
      matrix[from * states + to] =
        to === from
          ? Math.log(stayProbability)
          : Math.log((change * (1 - noChordProbability) * weight((to - from + 1200) % 12)) / total);
    }
    matrix[from * states + noChordState] = Math.log(change * noChordProbability);
  }
  return matrix;
}

describe("chordTransitions", () => {
  it("equals its definition bit for bit, integer and fractional weights alike", () => {
    const cases: Partial<ChordTransitionOptions>[] = [
      {},
      { fifthWeight: 2, stepWeight: 3, sameRootWeight: 1 },
      { fifthWeight: 1.3, stepWeight: 0.7, sameRootWeight: 2.9 },
      { stayProbability: 0.8, noChordProbability: 0.1, fifthWeight: 0.1 },
    ];
    for (const qualities of [FULL_VOCABULARY, MAJMIN_VOCABULARY, ["min", "7"]]) {
      for (const overrides of cases) {
        const options = { ...CHORD_TRANSITION_DEFAULTS, ...overrides };
        const bits = (matrix: Float64Array) => Array.from(new BigUint64Array(matrix.buffer));
        expect(bits(chordTransitions(chordVocabulary(qualities), options))).toEqual(
          bits(definition(qualities, options)),
        );
      }
    }
  });

  it("has rows that sum to one", () => {
    const matrix = chordTransitions(chordVocabulary());
    const states = Math.sqrt(matrix.length);
    for (let from = 0; from < states; from++) {
      let sum = 0;
      for (let to = 0; to < states; to++) sum += Math.exp(matrix[from * states + to]!);
      expect(sum).toBeCloseTo(1, 12);
    }
  });
});
