/**
 * Bars that repeat exactly: the same metre, beats, beat subdivisions and notes (tick and
 * drum; velocity is ignored, as it is in the written part). Each bar gets the index of its
 * pattern (bars with equal content share it) and whether it repeats the bar just before,
 * which a writer turns into a measure-repeat sign (Gould, "Behind Bars", 2011, ch. "Repeat
 * signs": a bar repeat ‘%’ stands for the preceding bar). A pickup never repeats.
 */
import type { DrumScoreBar } from "./drum-score.js";

function contentKey(bar: DrumScoreBar): string {
  const notes = bar.events.map((event) => `${event.tick}:${event.drum}`).join(",");
  const signature = `${bar.timeSignature.numerator}/${bar.timeSignature.denominator}`;
  return `${bar.pickup ? "pickup" : "bar"}|${signature}|${bar.beats}|${bar.beatSubdivisions.join(",")}|${notes}`;
}

export function markRepeatedBars(bars: readonly DrumScoreBar[]): DrumScoreBar[] {
  const patterns = new Map<string, number>();
  let previousKey: string | null = null;
  return bars.map((bar) => {
    const key = contentKey(bar);
    let patternIndex = patterns.get(key);
    if (patternIndex === undefined) {
      patternIndex = patterns.size;
      patterns.set(key, patternIndex);
    }
    const repeatsPrevious = !bar.pickup && key === previousKey;
    previousKey = key;
    return { ...bar, repeatsPrevious, patternIndex };
  });
}
