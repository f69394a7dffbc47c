import { describe, expect, it } from "vitest";
import { createSeededRandom } from "../../core/test-helpers/seeded-random.js";
import { fingerprintCandidates } from "./fingerprint-candidates.js";

function randomPrint(length: number, random: () => number): Uint32Array {
  return new Uint32Array(length).map(() => Math.floor(random() * 2 ** 32));
}

/** A copy with each bit flipped with probability `flip`, starting `skip` values later. */
function noisyCopy(print: Uint32Array, flip: number, skip: number, random: () => number): Uint32Array {
  return print.slice(skip).map((value) => {
    let mask = 0;
    for (let bit = 0; bit < 32; bit++) if (random() < flip) mask |= 1 << bit;
    return (value ^ mask) >>> 0;
  });
}

describe("fingerprintCandidates", () => {
  const random = createSeededRandom(11);
  const prints = Array.from({ length: 200 }, () => randomPrint(300, random));
  const durations: (number | null)[] = prints.map(() => 150 + 200 * random());
  prints.push(noisyCopy(prints[10]!, 0.03, 0, random));
  durations.push(durations[10]! + 1);
  prints.push(noisyCopy(prints[20]!, 0.03, 7, random));
  durations.push(null);
  prints.push(noisyCopy(prints[30]!, 0.03, 0, random));
  durations.push(durations[30]! + 10);

  it("proposes the planted copies, shifted or not, and only them", () => {
    expect(fingerprintCandidates(prints, durations)).toEqual([
      [10, 200],
      [20, 201],
    ]);
  });

  it("drops pairs whose durations differ by more than the tolerance", () => {
    expect(fingerprintCandidates(prints, durations, { durationToleranceSeconds: 12 })).toEqual([
      [10, 200],
      [20, 201],
      [30, 202],
    ]);
  });

  it("ignores values shared by too many prints", () => {
    const common = Array.from({ length: 10 }, () => {
      const print = randomPrint(100, random);
      print.fill(123456789, 0, 50);
      print.fill(987654321, 50, 60);
      return print;
    });
    const none = common.map(() => null);
    expect(fingerprintCandidates(common, none, { maxTracksPerValue: 9 })).toEqual([]);
    expect(fingerprintCandidates(common, none, { maxTracksPerValue: 10 })).toHaveLength(45);
  });

  it("returns nothing for no prints or empty prints", () => {
    expect(fingerprintCandidates([], [])).toEqual([]);
    expect(fingerprintCandidates([new Uint32Array(0), new Uint32Array(0)], [null, null])).toEqual([]);
  });
});
