import { describe, expect, it } from "vitest";
import { artistKey, similarTitles, titleKey, withoutEdition } from "./comparable-text.js";

describe("withoutEdition", () => {
  it("removes edition, format and year decorations at the end, repeatedly", () => {
    expect(withoutEdition("Abbey Road (Remastered 2009)")).toBe("Abbey Road");
    expect(withoutEdition("Abbey Road [Deluxe]")).toBe("Abbey Road");
    expect(withoutEdition("Abbey Road - 2019 Remaster")).toBe("Abbey Road");
    expect(withoutEdition("Kind of Blue (Legacy Edition) [FLAC 24-96]")).toBe("Kind of Blue");
    expect(withoutEdition("Blue Train (1957)")).toBe("Blue Train");
  });

  it("keeps decorations that name another recording, and never empties a title", () => {
    expect(withoutEdition("Unplugged (Live)")).toBe("Unplugged (Live)");
    expect(withoutEdition("Song (Acoustic)")).toBe("Song (Acoustic)");
    expect(withoutEdition("Suite (Part 2)")).toBe("Suite (Part 2)");
    expect(withoutEdition("(Deluxe)")).toBe("(Deluxe)");
  });
});

describe("comparable keys", () => {
  it("folds case, punctuation, articles, guests and editions", () => {
    expect(titleKey("Abbey Road (Remastered 2009)")).toBe(titleKey("abbey road"));
    expect(titleKey("Don't Stop (feat. Someone)")).toBe(titleKey("Dont Stop"));
    expect(artistKey("The Beatles")).toBe(artistKey("Beatles"));
    expect(artistKey("Beyoncé feat. Jay-Z")).toBe(artistKey("beyonce"));
    expect(titleKey("Live at Leeds (Live)")).not.toBe(titleKey("Live at Leeds"));
  });
});

describe("similarTitles", () => {
  it("accepts one typo in a long title and rejects different numbers or short near-misses", () => {
    expect(similarTitles("bohemian rhapsody", "bohemian rhapsdy", 0.9)).toBe(true);
    expect(similarTitles("part 1", "part 2", 0.5)).toBe(false);
    expect(similarTitles("colour", "color", 0.9)).toBe(false);
    expect(similarTitles("intro", "outro", 0.9)).toBe(false);
    expect(similarTitles("same", "same", 1)).toBe(true);
  });
});
