/**
 * Minimal Standard MIDI File reader and filtered rewriter for the pitch evaluation:
 * parses every track into events with absolute ticks (running status expanded, meta
 * and sysex kept as raw bytes), converts ticks to seconds with the tempo map, and
 * writes a copy keeping the meta events and the channel events of chosen channels.
 * Reference: MIDI Manufacturers Association, "Standard MIDI Files 1.0" (RP-001, 1996),
 *   §2.2 header, §2.3 track events, §3 meta events (51 set tempo).
 */

export interface RawMidiEvent {
  readonly tick: number;
  /** Status byte (0x80…0xEF channel messages, 0xF0/0xF7 sysex, 0xFF meta). */
  readonly status: number;
  /** Bytes after the status (meta: type, length and data; sysex: length and data). */
  readonly data: Uint8Array;
}

export interface ParsedMidi {
  readonly format: number;
  readonly ticksPerQuarter: number;
  readonly tracks: readonly (readonly RawMidiEvent[])[];
}

export interface MidiNote {
  readonly channel: number;
  readonly track: number;
  readonly key: number;
  readonly onsetSeconds: number;
  readonly offsetSeconds: number;
}

function readVariableLength(bytes: Uint8Array, position: number): [number, number] {
  let value = 0;
  let at = position;
  for (;;) {
    const byte = bytes[at++]!;
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, at];
  }
}

function writeVariableLength(out: number[], value: number): void {
  const groups = [value & 0x7f];
  for (let rest = Math.floor(value / 128); rest > 0; rest = Math.floor(rest / 128))
    groups.unshift((rest & 0x7f) | 0x80);
  out.push(...groups);
}

const CHANNEL_DATA_BYTES = [2, 2, 2, 2, 1, 1, 2]; // 0x8n … 0xEn

export function parseMidi(bytes: Uint8Array): ParsedMidi {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== "MThd") throw new Error("not a Standard MIDI File");
  const format = view.getUint16(8);
  const trackCount = view.getUint16(10);
  const division = view.getUint16(12);
  if (division & 0x8000) throw new Error("SMPTE time division is not supported");
  let position = 8 + view.getUint32(4);
  const tracks: RawMidiEvent[][] = [];
  for (let t = 0; t < trackCount; t++) {
    const length = view.getUint32(position + 4);
    let at = position + 8;
    const end = at + length;
    const events: RawMidiEvent[] = [];
    let tick = 0;
    let running = 0;
    while (at < end) {
      const [delta, next] = readVariableLength(bytes, at);
      at = next;
      tick += delta;
      let status = bytes[at]!;
      if (status < 0x80) status = running;
      else at++;
      if (status === 0xff) {
        const [size, dataStart] = readVariableLength(bytes, at + 1);
        events.push({ tick, status, data: bytes.slice(at, dataStart + size) });
        at = dataStart + size;
      } else if (status === 0xf0 || status === 0xf7) {
        const [size, dataStart] = readVariableLength(bytes, at);
        events.push({ tick, status, data: bytes.slice(at, dataStart + size) });
        at = dataStart + size;
      } else {
        running = status;
        const count = CHANNEL_DATA_BYTES[(status >> 4) - 8]!;
        events.push({ tick, status, data: bytes.slice(at, at + count) });
        at += count;
      }
    }
    tracks.push(events);
    position = end;
  }
  return { format, ticksPerQuarter: division, tracks };
}

/** Tick → seconds through the tempo changes of all tracks (default 120 bpm). */
export function createTickClock(midi: ParsedMidi): (tick: number) => number {
  const changes = midi.tracks
    .flat()
    .filter((e) => e.status === 0xff && e.data[0] === 0x51)
    .map((e) => ({ tick: e.tick, usPerQuarter: (e.data[2]! << 16) | (e.data[3]! << 8) | e.data[4]! }))
    .sort((a, b) => a.tick - b.tick);
  const starts: { tick: number; seconds: number; usPerQuarter: number }[] = [
    { tick: 0, seconds: 0, usPerQuarter: 500000 },
  ];
  for (const change of changes) {
    const last = starts[starts.length - 1]!;
    const seconds = last.seconds + ((change.tick - last.tick) * last.usPerQuarter) / 1e6 / midi.ticksPerQuarter;
    starts.push({ tick: change.tick, seconds, usPerQuarter: change.usPerQuarter });
  }
  return (tick: number) => {
    let segment = starts[0]!;
    for (const start of starts) if (start.tick <= tick) segment = start;
    return segment.seconds + ((tick - segment.tick) * segment.usPerQuarter) / 1e6 / midi.ticksPerQuarter;
  };
}

/** Notes of every channel, in seconds (note-on with velocity 0 ends a note). */
export function midiNotes(midi: ParsedMidi): MidiNote[] {
  const clock = createTickClock(midi);
  const notes: MidiNote[] = [];
  midi.tracks.forEach((events, track) => {
    const open = new Map<number, number>();
    for (const e of events) {
      const kind = e.status & 0xf0;
      if (kind !== 0x80 && kind !== 0x90) continue;
      const channel = e.status & 0x0f;
      const id = channel * 128 + e.data[0]!;
      if (kind === 0x90 && e.data[1]! > 0) {
        open.set(id, e.tick);
      } else if (open.has(id)) {
        const start = open.get(id)!;
        open.delete(id);
        notes.push({ channel, track, key: e.data[0]!, onsetSeconds: clock(start), offsetSeconds: clock(e.tick) });
      }
    }
  });
  return notes.sort((a, b) => a.onsetSeconds - b.onsetSeconds);
}

/** A copy keeping meta and sysex events and the channel events of `channels`. */
export function filterMidiChannels(midi: ParsedMidi, channels: ReadonlySet<number>): Uint8Array {
  const out: number[] = [];
  const push32 = (v: number) => out.push((v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255);
  out.push(..."MThd".split("").map((c) => c.charCodeAt(0)));
  push32(6);
  out.push(0, midi.format, (midi.tracks.length >> 8) & 255, midi.tracks.length & 255);
  out.push((midi.ticksPerQuarter >> 8) & 255, midi.ticksPerQuarter & 255);
  for (const events of midi.tracks) {
    const body: number[] = [];
    let previous = 0;
    for (const e of events) {
      if (e.status < 0xf0 && !channels.has(e.status & 0x0f)) continue;
      writeVariableLength(body, e.tick - previous);
      previous = e.tick;
      body.push(e.status, ...e.data);
    }
    out.push(..."MTrk".split("").map((c) => c.charCodeAt(0)));
    push32(body.length);
    out.push(...body);
  }
  return Uint8Array.from(out);
}
