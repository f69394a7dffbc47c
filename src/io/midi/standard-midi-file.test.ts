import { describe, expect, it } from "vitest";
import { encodeStandardMidiFile } from "./standard-midi-file.js";
import { readMidi } from "./test-helpers/read-midi.js";

const hex = (bytes: Uint8Array) => [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join(" ");

describe("encodeStandardMidiFile", () => {
  it("writes the header and a track chunk byte for byte (RP-001 §2.2, §2.3)", () => {
    const bytes = encodeStandardMidiFile(
      [{ events: [{ tick: 0, type: "tempo", microsecondsPerQuarter: 500000 }] }],
      480,
      0,
    );
    expect(hex(bytes)).toBe(
      // MThd, length 6, format 0, 1 track, 480 ticks per quarter
      "4d 54 68 64 00 00 00 06 00 00 00 01 01 e0 " +
        // MTrk, length 11: tempo 07 a1 20 at delta 0, end of track
        "4d 54 72 6b 00 00 00 0b 00 ff 51 03 07 a1 20 00 ff 2f 00",
    );
  });

  it("encodes delta times as variable-length quantities (RP-001 examples)", () => {
    const cases: [number, string][] = [
      [0x40, "40"],
      [0x7f, "7f"],
      [0x80, "81 00"],
      [0x2000, "c0 00"],
      [0x3fff, "ff 7f"],
      [0x100000, "c0 80 00"],
      [0x0fffffff, "ff ff ff 7f"],
    ];
    for (const [delta, expected] of cases) {
      const bytes = encodeStandardMidiFile(
        [{ events: [{ tick: delta, type: "noteOn", channel: 9, key: 36, velocity: 100 }] }],
        96,
        0,
      );
      expect(hex(bytes.subarray(22, 22 + expected.split(" ").length))).toBe(expected);
    }
  });

  it("orders a note-off before a note-on of the same tick, and reads back", () => {
    const bytes = encodeStandardMidiFile(
      [
        {
          events: [
            { tick: 100, type: "noteOn", channel: 9, key: 42, velocity: 80 },
            { tick: 100, type: "noteOff", channel: 9, key: 42, velocity: 0 },
            { tick: 0, type: "noteOn", channel: 9, key: 42, velocity: 70 },
            { tick: 160, type: "noteOff", channel: 9, key: 42, velocity: 0 },
          ],
        },
      ],
      480,
    );
    const events = readMidi(bytes).tracks[0]!.filter((event) => event.type === "noteOn" || event.type === "noteOff");
    expect(events.map((event) => [event.tick, event.type])).toEqual([
      [0, "noteOn"],
      [100, "noteOff"],
      [100, "noteOn"],
      [160, "noteOff"],
    ]);
  });

  it("rejects what a MIDI file cannot hold", () => {
    expect(() => encodeStandardMidiFile([{ events: [] }], 0)).toThrow(/ticksPerQuarter/);
    expect(() => encodeStandardMidiFile([{ events: [{ tick: -1, type: "trackName", text: "x" }] }], 480)).toThrow(
      /ticks/,
    );
    expect(() =>
      encodeStandardMidiFile([{ events: [{ tick: 0, type: "tempo", microsecondsPerQuarter: 2 ** 24 }] }], 480),
    ).toThrow(/tempo/);
    expect(() => encodeStandardMidiFile([{ events: [] }, { events: [] }], 480, 0)).toThrow(/format 0/);
  });
});
