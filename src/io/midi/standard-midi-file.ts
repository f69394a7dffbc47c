/**
 * Standard MIDI File writer: header chunk "MThd" (format, track count, ticks per quarter
 * note) and one "MTrk" chunk per track of delta-timed events (variable-length quantities),
 * each track closed by End of Track. Events at one tick are written metas first, then
 * note-offs, then pitch bends, then note-ons, so a note ending where the next begins never
 * cuts it and a bend set for a note never detunes the one before.
 * Reference: MIDI Manufacturers Association, "Standard MIDI Files 1.0" (RP-001, 1996):
 *   §2.1 chunks, §2.2 header, §2.3 track events, §3 meta events (03 track name,
 *   51 set tempo, 58 time signature, 2F end of track); MIDI 1.0 Detailed Specification
 *   (control change Bn, pitch bend En).
 */

export type MidiEvent =
  | { readonly tick: number; readonly type: "trackName"; readonly text: string }
  | { readonly tick: number; readonly type: "tempo"; readonly microsecondsPerQuarter: number }
  | {
      readonly tick: number;
      readonly type: "timeSignature";
      readonly numerator: number;
      readonly denominator: number;
      /** MIDI clocks (24 per quarter note) per metronome click. */
      readonly clocksPerClick: number;
    }
  | { readonly tick: number; readonly type: "programChange"; readonly channel: number; readonly program: number }
  | {
      readonly tick: number;
      readonly type: "controlChange";
      readonly channel: number;
      readonly controller: number;
      readonly value: number;
    }
  /** `value`: −8192 … 8191, 0 = no bend (written as 14 bits around 8192, LSB first). */
  | { readonly tick: number; readonly type: "pitchBend"; readonly channel: number; readonly value: number }
  | {
      readonly tick: number;
      readonly type: "noteOn" | "noteOff";
      /** 0-based: 9 is General MIDI's percussion channel 10. */
      readonly channel: number;
      readonly key: number;
      readonly velocity: number;
    };

export interface MidiTrack {
  readonly events: readonly MidiEvent[];
}

const EVENT_ORDER: Readonly<Record<MidiEvent["type"], number>> = {
  trackName: 0,
  timeSignature: 1,
  tempo: 2,
  programChange: 3,
  controlChange: 4,
  noteOff: 5,
  // After note-offs (a bend must not detune a note that ends here), before note-ons.
  pitchBend: 6,
  noteOn: 7,
};

/** A format-1 (or 0, with one track) Standard MIDI File. */
export function encodeStandardMidiFile(
  tracks: readonly MidiTrack[],
  ticksPerQuarter: number,
  format: 0 | 1 = 1,
): Uint8Array {
  if (!(Number.isInteger(ticksPerQuarter) && ticksPerQuarter >= 1 && ticksPerQuarter <= 0x7fff)) {
    throw new RangeError(
      `encodeStandardMidiFile: ticksPerQuarter must be an integer in 1..32767, got ${ticksPerQuarter}`,
    );
  }
  if (format === 0 && tracks.length !== 1) {
    throw new RangeError(`encodeStandardMidiFile: format 0 has exactly one track, got ${tracks.length}`);
  }
  const bytes: number[] = [];
  pushAscii(bytes, "MThd");
  pushUint32(bytes, 6);
  pushUint16(bytes, format);
  pushUint16(bytes, tracks.length);
  pushUint16(bytes, ticksPerQuarter);
  for (const track of tracks) {
    const body = encodeTrack(track.events);
    pushAscii(bytes, "MTrk");
    pushUint32(bytes, body.length);
    for (const byte of body) bytes.push(byte);
  }
  return Uint8Array.from(bytes);
}

function encodeTrack(events: readonly MidiEvent[]): number[] {
  const ordered = events
    .map((event, index) => ({ event, index }))
    .sort(
      (a, b) =>
        a.event.tick - b.event.tick || EVENT_ORDER[a.event.type] - EVENT_ORDER[b.event.type] || a.index - b.index,
    );
  const bytes: number[] = [];
  let previousTick = 0;
  for (const { event } of ordered) {
    if (!(Number.isInteger(event.tick) && event.tick >= 0)) {
      throw new RangeError(`encodeStandardMidiFile: event ticks must be integers ≥ 0, got ${event.tick}`);
    }
    pushVariableLength(bytes, event.tick - previousTick);
    previousTick = event.tick;
    switch (event.type) {
      case "trackName": {
        const text = new TextEncoder().encode(event.text);
        bytes.push(0xff, 0x03);
        pushVariableLength(bytes, text.length);
        for (const byte of text) bytes.push(byte);
        break;
      }
      case "tempo": {
        const tempo = Math.round(event.microsecondsPerQuarter);
        if (tempo < 1 || tempo > 0xffffff) {
          throw new RangeError(`encodeStandardMidiFile: tempo must be 1..16777215 µs per quarter, got ${tempo}`);
        }
        bytes.push(0xff, 0x51, 0x03, (tempo >> 16) & 0xff, (tempo >> 8) & 0xff, tempo & 0xff);
        break;
      }
      case "timeSignature": {
        const power = Math.log2(event.denominator);
        if (!Number.isInteger(power) || power < 0 || event.numerator < 1 || event.numerator > 255) {
          throw new RangeError(
            `encodeStandardMidiFile: time signature must be n/2^k, got ${event.numerator}/${event.denominator}`,
          );
        }
        bytes.push(0xff, 0x58, 0x04, event.numerator, power, event.clocksPerClick & 0xff, 8);
        break;
      }
      case "programChange":
        bytes.push(0xc0 | (event.channel & 0x0f), event.program & 0x7f);
        break;
      case "controlChange":
        bytes.push(0xb0 | (event.channel & 0x0f), event.controller & 0x7f, event.value & 0x7f);
        break;
      case "pitchBend": {
        const bend = Math.min(16383, Math.max(0, Math.round(event.value) + 8192));
        bytes.push(0xe0 | (event.channel & 0x0f), bend & 0x7f, bend >> 7);
        break;
      }
      case "noteOn":
      case "noteOff":
        bytes.push(
          (event.type === "noteOn" ? 0x90 : 0x80) | (event.channel & 0x0f),
          event.key & 0x7f,
          event.velocity & 0x7f,
        );
        break;
    }
  }
  pushVariableLength(bytes, 0);
  bytes.push(0xff, 0x2f, 0x00);
  return bytes;
}

/** 7 bits per byte, most significant first, continuation bit 0x80 on all but the last. */
function pushVariableLength(bytes: number[], value: number): void {
  if (value > 0x0fffffff) throw new RangeError(`encodeStandardMidiFile: delta time ${value} exceeds 28 bits`);
  const groups = [value & 0x7f];
  for (let rest = value >>> 7; rest > 0; rest >>>= 7) groups.unshift((rest & 0x7f) | 0x80);
  for (const group of groups) bytes.push(group);
}

function pushAscii(bytes: number[], text: string): void {
  for (let index = 0; index < text.length; index++) bytes.push(text.charCodeAt(index));
}

function pushUint32(bytes: number[], value: number): void {
  bytes.push((value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff);
}

function pushUint16(bytes: number[], value: number): void {
  bytes.push((value >>> 8) & 0xff, value & 0xff);
}
