/**
 * A small Standard MIDI File reader for tests: chunks, delta times, running status, the
 * meta events the writer uses, channel voice messages; and note times in seconds through
 * the tempo map. Reference: MMA, "Standard MIDI Files 1.0" (RP-001).
 */

export type ReadMidiEvent =
  | { tick: number; type: "meta"; metaType: number; data: Uint8Array }
  | { tick: number; type: "noteOn" | "noteOff"; channel: number; key: number; velocity: number }
  | { tick: number; type: "programChange"; channel: number; program: number }
  | { tick: number; type: "other"; status: number };

export interface ReadMidiFile {
  readonly format: number;
  readonly ticksPerQuarter: number;
  readonly tracks: ReadMidiEvent[][];
}

export function readMidi(bytes: Uint8Array): ReadMidiFile {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (ascii(0) !== "MThd" || view.getUint32(4) !== 6) throw new Error("readMidi: no MThd header");
  const format = view.getUint16(8);
  const trackCount = view.getUint16(10);
  const ticksPerQuarter = view.getUint16(12);
  const tracks: ReadMidiEvent[][] = [];
  let offset = 14;
  for (let track = 0; track < trackCount; track++) {
    if (ascii(offset) !== "MTrk") throw new Error(`readMidi: chunk ${track} is not MTrk`);
    const end = offset + 8 + view.getUint32(offset + 4);
    let position = offset + 8;
    const readVariable = () => {
      let value = 0;
      for (;;) {
        const byte = bytes[position++]!;
        value = (value << 7) | (byte & 0x7f);
        if ((byte & 0x80) === 0) return value;
      }
    };
    const events: ReadMidiEvent[] = [];
    let tick = 0;
    let runningStatus = 0;
    let ended = false;
    while (position < end) {
      tick += readVariable();
      let status = bytes[position]!;
      if (status < 0x80) status = runningStatus;
      else position++;
      if (status === 0xff) {
        const metaType = bytes[position++]!;
        const length = readVariable();
        events.push({ tick, type: "meta", metaType, data: bytes.slice(position, position + length) });
        position += length;
        if (metaType === 0x2f) ended = true;
        continue;
      }
      runningStatus = status;
      const kind = status & 0xf0;
      const channel = status & 0x0f;
      if (kind === 0x90 || kind === 0x80) {
        const key = bytes[position++]!;
        const velocity = bytes[position++]!;
        const noteOn = kind === 0x90 && velocity > 0;
        events.push({ tick, type: noteOn ? "noteOn" : "noteOff", channel, key, velocity });
      } else if (kind === 0xc0) {
        events.push({ tick, type: "programChange", channel, program: bytes[position++]! });
      } else {
        position += kind === 0xd0 ? 1 : 2;
        events.push({ tick, type: "other", status });
      }
    }
    if (!ended) throw new Error(`readMidi: track ${track} has no End of Track`);
    if (position !== end) throw new Error(`readMidi: track ${track} overruns its length`);
    tracks.push(events);
    offset = end;
  }
  return { format, ticksPerQuarter, tracks };
}

export interface TempoChange {
  readonly tick: number;
  readonly microsecondsPerQuarter: number;
}

export function tempoChanges(file: ReadMidiFile): TempoChange[] {
  return file.tracks
    .flat()
    .filter(
      (event): event is Extract<ReadMidiEvent, { type: "meta" }> => event.type === "meta" && event.metaType === 0x51,
    )
    .map((event) => ({
      tick: event.tick,
      microsecondsPerQuarter: (event.data[0]! << 16) | (event.data[1]! << 8) | event.data[2]!,
    }))
    .sort((a, b) => a.tick - b.tick);
}

export interface TimeSignatureChange {
  readonly tick: number;
  readonly numerator: number;
  readonly denominator: number;
  readonly clocksPerClick: number;
}

export function timeSignatures(file: ReadMidiFile): TimeSignatureChange[] {
  return file.tracks
    .flat()
    .filter(
      (event): event is Extract<ReadMidiEvent, { type: "meta" }> => event.type === "meta" && event.metaType === 0x58,
    )
    .map((event) => ({
      tick: event.tick,
      numerator: event.data[0]!,
      denominator: 2 ** event.data[1]!,
      clocksPerClick: event.data[2]!,
    }));
}

/** Seconds at a tick through the tempo map (500000 µs per quarter before the first tempo). */
export function secondsAtTick(file: ReadMidiFile, tick: number): number {
  let seconds = 0;
  let previousTick = 0;
  let tempo = 500000;
  for (const change of tempoChanges(file)) {
    if (change.tick >= tick) break;
    seconds += ((change.tick - previousTick) * tempo) / (file.ticksPerQuarter * 1e6);
    previousTick = change.tick;
    tempo = change.microsecondsPerQuarter;
  }
  return seconds + ((tick - previousTick) * tempo) / (file.ticksPerQuarter * 1e6);
}

export interface ReadNote {
  readonly tick: number;
  readonly endTick: number;
  readonly timeSeconds: number;
  readonly channel: number;
  readonly key: number;
  readonly velocity: number;
}

/** Notes (note-on paired with the next note-off of its key and channel), by time then key. */
export function notesOf(file: ReadMidiFile): ReadNote[] {
  const notes: ReadNote[] = [];
  for (const track of file.tracks) {
    const open = new Map<number, Extract<ReadMidiEvent, { type: "noteOn" | "noteOff" }>[]>();
    for (const event of track) {
      if (event.type !== "noteOn" && event.type !== "noteOff") continue;
      const slot = event.channel * 128 + event.key;
      if (event.type === "noteOn") {
        open.set(slot, [...(open.get(slot) ?? []), event]);
        continue;
      }
      const started = open.get(slot)?.shift();
      if (started === undefined) throw new Error(`readMidi: note-off without note-on at tick ${event.tick}`);
      notes.push({
        tick: started.tick,
        endTick: event.tick,
        timeSeconds: secondsAtTick(file, started.tick),
        channel: started.channel,
        key: started.key,
        velocity: started.velocity,
      });
    }
    for (const pending of open.values()) {
      if (pending.length > 0) throw new Error(`readMidi: note at tick ${pending[0]!.tick} never ends`);
    }
  }
  return notes.sort((a, b) => a.tick - b.tick || a.key - b.key);
}

/** The text of the first track-name meta event of a track. */
export function trackName(events: readonly ReadMidiEvent[]): string | null {
  const meta = events.find((event) => event.type === "meta" && event.metaType === 0x03);
  return meta === undefined || meta.type !== "meta" ? null : new TextDecoder().decode(meta.data);
}
