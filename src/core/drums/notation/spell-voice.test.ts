import { describe, expect, it } from "vitest";
import { TICKS_PER_BEAT } from "./drum-score.js";
import { noteValueOf, type SpelledElement, spellVoice, type VoiceBar } from "./spell-voice.js";

const FOUR_FOUR: VoiceBar = { beats: 4, beatQuarters: 1, compound: false, pickup: false };
const TWELVE_EIGHT: VoiceBar = { beats: 4, beatQuarters: 1.5, compound: true, pickup: false };

/** "n:eighth" / "r:quarter." … per element, with [beams] and T for tuplet members. */
const describeElements = (elements: readonly SpelledElement[]) =>
  elements.map(
    (element) =>
      `${element.kind === "note" ? "n" : "r"}:${element.noteType ?? "bar"}${".".repeat(element.dots)}` +
      `${element.tuplet === null ? "" : "T"}${element.beams.length > 0 ? `[${element.beams.join(",")}]` : ""}`,
  );

function expectFillsBar(elements: readonly SpelledElement[], bar: VoiceBar) {
  let tick = 0;
  for (const element of elements) {
    expect(element.tick).toBe(tick);
    tick += element.durationTicks;
  }
  expect(tick).toBe(bar.beats * TICKS_PER_BEAT);
}

describe("spellVoice", () => {
  it("writes the rock beat's feet as quarter, quarter rest, quarter, quarter rest", () => {
    const elements = spellVoice([0, 96], FOUR_FOUR);
    expect(describeElements(elements)).toEqual(["n:quarter", "r:quarter", "n:quarter", "r:quarter"]);
    expectFillsBar(elements, FOUR_FOUR);
  });

  it("beams eighth notes by beat", () => {
    const elements = spellVoice([0, 24, 48, 72, 96, 120, 144, 168], FOUR_FOUR);
    expect(describeElements(elements)).toEqual(Array(4).fill(["n:eighth[begin]", "n:eighth[end]"]).flat());
  });

  it("writes 16th figures with secondary beams and hooks", () => {
    // Beat 1: dotted eighth + 16th; beat 2: 16th–eighth–16th; beat 3: four 16ths; beat 4: empty.
    const elements = spellVoice([0, 36, 48, 60, 84, 96, 108, 120, 132], FOUR_FOUR);
    expect(describeElements(elements)).toEqual([
      "n:eighth.[begin]",
      "n:16th[end,backward hook]",
      "n:16th[begin,forward hook]",
      "n:eighth[continue]",
      "n:16th[end,backward hook]",
      "n:16th[begin,begin]",
      "n:16th[continue,continue]",
      "n:16th[continue,continue]",
      "n:16th[end,end]",
      "r:quarter",
    ]);
    expectFillsBar(elements, FOUR_FOUR);
  });

  it("spells a beat with thirds as a 3:2 tuplet, bracketed only when it holds rests", () => {
    const elements = spellVoice([0, 16, 32, 48 + 16, 48 + 32], FOUR_FOUR);
    expect(describeElements(elements)).toEqual([
      "n:eighthT[begin]",
      "n:eighthT[continue]",
      "n:eighthT[end]",
      "r:eighthT",
      "n:eighthT[begin]",
      "n:eighthT[end]",
      "r:half",
    ]);
    expect(elements[0]!.tuplet).toEqual({ actual: 3, normal: 2, start: true, stop: false, bracket: false });
    expect(elements[2]!.tuplet).toEqual({ actual: 3, normal: 2, start: false, stop: true, bracket: false });
    expect(elements[3]!.tuplet!.bracket).toBe(true);
    expectFillsBar(elements, FOUR_FOUR);
  });

  it("writes a shuffle figure (quarter–eighth of the triplet) under one bracket", () => {
    const elements = spellVoice([0, 32], { ...FOUR_FOUR, beats: 1 });
    expect(describeElements(elements)).toEqual(["n:quarterT", "n:eighthT"]);
    expect(elements.map((element) => element.tuplet!.bracket)).toEqual([true, true]);
  });

  it("writes compound beats in eighths and dotted values, with no tuplets", () => {
    const elements = spellVoice([0, 16, 32, 48, 80, 96, 120], TWELVE_EIGHT);
    expect(describeElements(elements)).toEqual([
      "n:eighth[begin]",
      "n:eighth[continue]",
      "n:eighth[end]",
      "n:quarter",
      "n:eighth",
      "n:eighth.[begin]",
      "n:eighth.[end]",
      "r:quarter.",
    ]);
    expectFillsBar(elements, TWELVE_EIGHT);
  });

  it("joins two empty beats from an even beat into one rest, and fills an empty voice with a whole-bar rest", () => {
    expect(describeElements(spellVoice([144], FOUR_FOUR))).toEqual(["r:half", "r:quarter", "n:quarter"]);
    expect(describeElements(spellVoice([48], FOUR_FOUR))).toEqual(["r:quarter", "n:quarter", "r:half"]);
    const empty = spellVoice([], FOUR_FOUR);
    expect(empty).toHaveLength(1);
    expect(empty[0]!.wholeBarRest).toBe(true);
    expect(empty[0]!.durationTicks).toBe(192);
    // A pickup is not a whole bar: beat rests.
    expect(describeElements(spellVoice([], { ...FOUR_FOUR, beats: 1, pickup: true }))).toEqual(["r:quarter"]);
  });

  it("names note values by length in quarters", () => {
    expect(noteValueOf(1.5)).toEqual({ noteType: "quarter", dots: 1 });
    expect(noteValueOf(0.125)).toEqual({ noteType: "32nd", dots: 0 });
    expect(noteValueOf(3.5)).toEqual({ noteType: "half", dots: 2 });
    expect(noteValueOf(0.3)).toBeNull();
  });
});
