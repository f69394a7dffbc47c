/**
 * A minimal Standard MIDI File writer (format 0, one track) for the drum-model training's
 * fluidsynth renders: note on/off, program and controller events at times in seconds
 * (500 000 µs per quarter note, 1000 ticks per quarter: one tick is 0.5 ms).
 * Reference: MIDI 1.0 Detailed Specification, Standard MIDI Files 1.0.
 */
import { writeFileSync } from "node:fs";

export type MidiEvent =
  | {
      readonly timeSeconds: number;
      readonly channel: number;
      readonly kind: "on" | "off";
      readonly key: number;
      readonly velocity: number;
    }
  | { readonly timeSeconds: number; readonly channel: number; readonly kind: "program"; readonly value: number }
  | {
      readonly timeSeconds: number;
      readonly channel: number;
      readonly kind: "controller";
      readonly controller: number;
      readonly value: number;
    };

const TICKS_PER_QUARTER = 1000;
const SECONDS_PER_TICK = 0.5 / TICKS_PER_QUARTER;

function variableLength(value: number): number[] {
  const bytes = [value & 0x7f];
  for (let rest = value >>> 7; rest > 0; rest >>>= 7) bytes.unshift((rest & 0x7f) | 0x80);
  return bytes;
}

function eventBytes(event: MidiEvent): number[] {
  const channel = event.channel & 0x0f;
  switch (event.kind) {
    case "on":
      return [0x90 | channel, event.key & 0x7f, Math.max(1, Math.min(127, Math.round(event.velocity)))];
    case "off":
      return [0x80 | channel, event.key & 0x7f, 0];
    case "program":
      return [0xc0 | channel, event.value & 0x7f];
    case "controller":
      return [0xb0 | channel, event.controller & 0x7f, Math.max(0, Math.min(127, Math.round(event.value)))];
  }
}

/** Kind order at equal times: programs and controllers first, then note offs, then note ons. */
const ORDER = { program: 0, controller: 0, off: 1, on: 2 } as const;

export function midiFileBytes(events: readonly MidiEvent[]): Uint8Array {
  const sorted = [...events].sort((a, b) => a.timeSeconds - b.timeSeconds || ORDER[a.kind] - ORDER[b.kind]);
  const track: number[] = [0x00, 0xff, 0x51, 0x03, 0x07, 0xa1, 0x20]; // tempo 500 000 µs per quarter
  let tick = 0;
  for (const event of sorted) {
    const at = Math.max(tick, Math.round(Math.max(0, event.timeSeconds) / SECONDS_PER_TICK));
    track.push(...variableLength(at - tick), ...eventBytes(event));
    tick = at;
  }
  track.push(0x00, 0xff, 0x2f, 0x00);
  const header = [0x4d, 0x54, 0x68, 0x64, 0, 0, 0, 6, 0, 0, 0, 1, TICKS_PER_QUARTER >> 8, TICKS_PER_QUARTER & 0xff];
  const length = track.length;
  const chunk = [
    0x4d,
    0x54,
    0x72,
    0x6b,
    (length >>> 24) & 0xff,
    (length >>> 16) & 0xff,
    (length >>> 8) & 0xff,
    length & 0xff,
  ];
  return Uint8Array.from([...header, ...chunk, ...track]);
}

export function writeMidiFile(path: string, events: readonly MidiEvent[]): void {
  writeFileSync(path, midiFileBytes(events));
}
