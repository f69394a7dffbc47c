import { describe, expect, it } from "vitest";
import { layoutBars } from "./layout-bars.js";

const spans = (bars: ReturnType<typeof layoutBars>) => bars.map((bar) => [bar.startBeat, bar.beats, bar.pickup]);

describe("layoutBars", () => {
  it("makes one bar per downbeat over the grid", () => {
    const bars = layoutBars({
      downbeatBeats: [0, 4, 8],
      beatsPerBar: 4,
      gridBeatCount: 13,
      firstHitBeat: 0,
      lastHitBeat: 11,
    });
    expect(spans(bars)).toEqual([
      [0, 4, false],
      [4, 4, false],
      [8, 4, false],
    ]);
  });

  it("starts a pickup at the first hit before the first downbeat and leaves earlier beats out", () => {
    const bars = layoutBars({
      downbeatBeats: [3, 7],
      beatsPerBar: 4,
      gridBeatCount: 12,
      firstHitBeat: 2,
      lastHitBeat: 10,
    });
    expect(spans(bars)).toEqual([
      [2, 1, true],
      [3, 4, false],
      [7, 4, false],
    ]);
  });

  it("adds full bars and a pickup when hits start more than a bar early", () => {
    const bars = layoutBars({ downbeatBeats: [4], beatsPerBar: 4, gridBeatCount: 9, firstHitBeat: -2, lastHitBeat: 7 });
    expect(spans(bars)).toEqual([
      [-2, 2, true],
      [0, 4, false],
      [4, 4, false],
    ]);
  });

  it("cuts a gap left by a missed downbeat into bars of the metre, and extends past the grid to the last hit", () => {
    const bars = layoutBars({
      downbeatBeats: [0, 9],
      beatsPerBar: 4,
      gridBeatCount: 10,
      firstHitBeat: 0,
      lastHitBeat: 14,
    });
    expect(spans(bars)).toEqual([
      [0, 4, false],
      [4, 4, false],
      [8, 1, false],
      [9, 4, false],
      [13, 4, false],
    ]);
  });

  it("gives one bar without grid or hits, and rest bars over a grid without hits", () => {
    expect(
      spans(layoutBars({ downbeatBeats: [], beatsPerBar: 3, gridBeatCount: 2, firstHitBeat: null, lastHitBeat: null })),
    ).toEqual([[0, 3, false]]);
    const bars = layoutBars({
      downbeatBeats: [0, 3, 6],
      beatsPerBar: 3,
      gridBeatCount: 10,
      firstHitBeat: null,
      lastHitBeat: null,
    });
    expect(spans(bars)).toEqual([
      [0, 3, false],
      [3, 3, false],
      [6, 3, false],
    ]);
    expect(() =>
      layoutBars({ downbeatBeats: [], beatsPerBar: 0, gridBeatCount: 2, firstHitBeat: null, lastHitBeat: null }),
    ).toThrow(/beatsPerBar/);
  });
});
