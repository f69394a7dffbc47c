import { describe, expect, it } from "vitest";
import { TonearmError } from "../analysis/errors.js";
import { errorLine, summariseError } from "./describe-error.js";

describe("errorLine", () => {
  it("names the file as the user gave it, once", () => {
    const error = summariseError(new TonearmError("EMPTY_FILE", "song.mp3: the file is empty (0 bytes)"));
    expect(errorLine(error, "music/song.mp3")).toBe(
      "tonearm: music/song.mp3: the file is empty (0 bytes) [EMPTY_FILE]",
    );
  });

  it("adds the path when the message does not name the file", () => {
    expect(errorLine({ code: "X", message: "went wrong" }, "a.wav")).toBe("tonearm: a.wav: went wrong [X]");
    expect(errorLine({ code: "X", message: "no file here" })).toBe("tonearm: no file here [X]");
  });

  it("keeps multi-line messages on one line and calls unexpected errors internal", () => {
    expect(errorLine(summariseError(new Error("first\n  second")))).toBe(
      "tonearm: internal error: first second [INTERNAL]",
    );
  });
});
