/**
 * A DrumScore as a format-1 Standard MIDI File that lines up with the audio: track 1
 * holds the track name, the time signature of every bar whose length changes (a pickup of
 * one beat in 4/4 is a 1/4 bar, so bar lines fall where the score has them) and a tempo
 * map through the tracked beats; track 2 the drums on channel 10 with General MIDI keys
 * (GM_DRUM_KEY), their velocities, and note-offs after a 32nd or before the same key
 * sounds again. Tempo: every beat boundary of the score is a target time; a tempo event is
 * written at a beat whenever keeping the current tempo would miss the beat after it by
 * more than `maxDriftSeconds`, so a steady tempo gives one event and drift or a change
 * gives an event where it happens. Time before the first bar is a lead-in of whole rest
 * bars at the tempo that ends them exactly on it. Swung off-beats sound at the score's
 * swing fraction of the beat. A pickup that would start before 0 s starts at 0 s (its
 * first beat is shortened).
 * Reference: MMA, "Standard MIDI Files 1.0" (RP-001); MMA, "General MIDI System Level 1"
 *   (percussion key map, channel 10).
 */
import { GM_DRUM_KEY } from "../../core/drums/drum-hit.js";
import {
  beatLengthInQuarters,
  beatsPerBarOf,
  type DrumScore,
  isCompoundMeter,
  TICKS_PER_BEAT,
  type TimeSignature,
  timeSignatureWithBeats,
} from "../../core/drums/notation/drum-score.js";
import { encodeStandardMidiFile, type MidiEvent } from "./standard-midi-file.js";

export interface DrumMidiOptions {
  /** Name of the conductor track (the song title). */
  readonly trackName: string;
  readonly ticksPerQuarter: number;
  /** Length of each drum note, in quarter notes. */
  readonly noteLengthQuarters: number;
  /** Largest allowed mismatch at a beat between the MIDI tempo map and the tracked beats, seconds. */
  readonly maxDriftSeconds: number;
}

export const DRUM_MIDI_DEFAULTS: DrumMidiOptions = {
  trackName: "Drums",
  ticksPerQuarter: 480,
  noteLengthQuarters: 0.125,
  maxDriftSeconds: 0.0005,
};

type NoteEvent = Extract<MidiEvent, { readonly key: number }>;

const DRUM_CHANNEL = 9;
const MAX_TEMPO = 0xffffff;

export function drumScoreToMidi(score: DrumScore, options: Partial<DrumMidiOptions> = {}): Uint8Array {
  const settings = { ...DRUM_MIDI_DEFAULTS, ...options };
  const beatQuarters = beatLengthInQuarters(score.beatUnit);
  const ticksPerBeat = settings.ticksPerQuarter * beatQuarters;
  if (!Number.isInteger(ticksPerBeat) || ticksPerBeat % TICKS_PER_BEAT !== 0) {
    throw new RangeError(
      `drumScoreToMidi: ticksPerQuarter × beat length (${ticksPerBeat}) must be a multiple of ${TICKS_PER_BEAT}`,
    );
  }
  const midiTicksPerScoreTick = ticksPerBeat / TICKS_PER_BEAT;
  const bars = score.bars;
  const conductor: MidiEvent[] = [{ tick: 0, type: "trackName", text: settings.trackName }];
  const drums: MidiEvent[] = [
    { tick: 0, type: "trackName", text: "Drums" },
    { tick: 0, type: "programChange", channel: DRUM_CHANNEL, program: 0 },
  ];

  // Beat boundaries (tick → seconds), with a lead-in of whole bars before the first bar.
  const boundaryTicks: number[] = [];
  const boundarySeconds: number[] = [];
  const firstStart = bars[0]!.startSeconds;
  let barTick = 0;
  let previousSignature: TimeSignature | null = null;
  if (firstStart > settings.maxDriftSeconds) {
    const beatsPerBar = beatsPerBarOf(score.timeSignature);
    const nominalBarSeconds = (60 * beatsPerBar) / score.tempoBpm;
    const slowest = Math.ceil((firstStart * 1e6) / (MAX_TEMPO * beatsPerBar * beatQuarters));
    const leadInBars = Math.max(1, Math.round(firstStart / nominalBarSeconds), slowest);
    conductor.push(timeSignatureEvent(0, score.timeSignature));
    previousSignature = score.timeSignature;
    boundaryTicks.push(0);
    boundarySeconds.push(0);
    barTick = leadInBars * beatsPerBar * ticksPerBeat;
  }

  for (const bar of bars) {
    const signature = bar.pickup ? timeSignatureWithBeats(score.timeSignature, bar.beats) : bar.timeSignature;
    if (previousSignature === null || !sameSignature(signature, previousSignature)) {
      conductor.push(timeSignatureEvent(barTick, signature));
      previousSignature = signature;
    }
    for (let beat = 0; beat < bar.beats; beat++) {
      if (boundaryTicks[boundaryTicks.length - 1] === barTick + beat * ticksPerBeat) continue;
      boundaryTicks.push(barTick + beat * ticksPerBeat);
      boundarySeconds.push(Math.max(0, bar.beatTimesSeconds[beat]!));
    }
    for (const event of bar.events) {
      const beat = Math.floor(event.tick / TICKS_PER_BEAT);
      const inBeat = event.tick - beat * TICKS_PER_BEAT;
      const swung =
        score.swingFraction !== null && bar.beatSubdivisions[beat] === "swing" && inBeat === TICKS_PER_BEAT / 2;
      const tick =
        barTick +
        beat * ticksPerBeat +
        (swung ? Math.round(score.swingFraction! * ticksPerBeat) : inBeat * midiTicksPerScoreTick);
      drums.push({
        tick,
        type: "noteOn",
        channel: DRUM_CHANNEL,
        key: GM_DRUM_KEY[event.drum],
        velocity: Math.min(127, Math.max(1, Math.round(event.velocity))),
      });
    }
    barTick += bar.beats * ticksPerBeat;
  }
  boundaryTicks.push(barTick);
  boundarySeconds.push(Math.max(boundarySeconds[boundarySeconds.length - 1]!, bars[bars.length - 1]!.endSeconds));

  conductor.push(...tempoMap(boundaryTicks, boundarySeconds, settings.ticksPerQuarter, settings.maxDriftSeconds));
  drums.push(...noteOffs(drums, Math.round(settings.noteLengthQuarters * settings.ticksPerQuarter)));
  return encodeStandardMidiFile([{ events: conductor }, { events: drums }], settings.ticksPerQuarter, 1);
}

function sameSignature(a: TimeSignature, b: TimeSignature): boolean {
  return a.numerator === b.numerator && a.denominator === b.denominator;
}

function timeSignatureEvent(tick: number, signature: TimeSignature): MidiEvent {
  // The metronome clicks on the beat: the dotted note in compound metres (36 clocks in 6/8).
  const clocksPerNote = (24 * 4) / signature.denominator;
  const clocksPerClick = Math.round(isCompoundMeter(signature) ? 3 * clocksPerNote : clocksPerNote);
  return {
    tick,
    type: "timeSignature",
    numerator: signature.numerator,
    denominator: signature.denominator,
    clocksPerClick,
  };
}

/** Tempo events through (tick, seconds) boundaries: a new tempo only where the current one would drift. */
function tempoMap(
  ticks: readonly number[],
  seconds: readonly number[],
  ticksPerQuarter: number,
  maxDriftSeconds: number,
): MidiEvent[] {
  const events: MidiEvent[] = [];
  let tempo = 0;
  // MIDI time 0 is audio time 0.
  let nowMicroseconds = 0;
  for (let index = 0; index + 1 < ticks.length; index++) {
    const spanTicks = ticks[index + 1]! - ticks[index]!;
    const targetMicroseconds = seconds[index + 1]! * 1e6;
    const predicted = nowMicroseconds + (tempo * spanTicks) / ticksPerQuarter;
    if (tempo === 0 || Math.abs(predicted - targetMicroseconds) > maxDriftSeconds * 1e6) {
      const wanted = ((targetMicroseconds - nowMicroseconds) * ticksPerQuarter) / spanTicks;
      const next = Math.min(MAX_TEMPO, Math.max(1, Math.round(wanted)));
      if (next !== tempo) events.push({ tick: ticks[index]!, type: "tempo", microsecondsPerQuarter: next });
      tempo = next;
    }
    nowMicroseconds += (tempo * spanTicks) / ticksPerQuarter;
  }
  if (events.length === 0) events.push({ tick: 0, type: "tempo", microsecondsPerQuarter: 500000 });
  return events;
}

/** A note-off for each note-on, `length` ticks later or just before the same key sounds again. */
function noteOffs(events: readonly MidiEvent[], length: number): MidiEvent[] {
  const ons = events.filter((event): event is NoteEvent => event.type === "noteOn").sort((a, b) => a.tick - b.tick);
  const nextOfKey = new Map<number, number>();
  const offs: MidiEvent[] = [];
  for (let index = ons.length - 1; index >= 0; index--) {
    const on = ons[index]!;
    const next = nextOfKey.get(on.key);
    const end = next === undefined ? on.tick + length : Math.min(on.tick + length, Math.max(on.tick + 1, next));
    offs.push({ tick: end, type: "noteOff", channel: on.channel, key: on.key, velocity: 0 });
    nextOfKey.set(on.key, on.tick);
  }
  return offs;
}
