/**
 * The tonic of one recording, as the "tonic-update" job estimates it: the audio decoded to
 * mono at 22.05 kHz (as `tonearm melograph` does: pYIN's f0 range ends far below 5.5 kHz) and
 * streamed (io/pitch-from-file.ts, so an hour-long recording needs no more memory than its
 * pitch track) into the pitch track by pYIN (Mauch & Dixon 2014; 60–1000 Hz, hop 256) and the
 * drone's stable spectral peaks, and the key of the stored report as a hint for Western music (core/pitch/tonic.ts:
 * the drone stands when it is confident, else the key's tonic is taken). Also the pitch
 * description of a tonic set by hand (pitch class, octave, cents; A4 = 440 Hz).
 */
import type { Report } from "../analysis/report.js";
import { estimateTonic, type TonicEstimate, type TonicKeyHint } from "../core/pitch/tonic.js";
import { pitchOfFile } from "../io/pitch-from-file.js";

export const TONIC_SAMPLE_RATE = 22_050;
const HOP = 256;
const FMIN_HZ = 60;
const FMAX_HZ = 1000;
/** C0 with A4 = 440 Hz. */
const C0_HZ = 440 * 2 ** (-9 / 12 - 4);

export interface TonicDecoding {
  readonly decoder: "auto" | "system" | "bundled";
  readonly ffmpegPath: string | null;
  readonly maxDurationSeconds: number;
}

/** An estimate as the store keeps it. */
export interface RecordingTonicEstimate {
  readonly estimate: TonicEstimate;
  /** "drone+melody", "drone", "melody" (the histograms decided) or "key" (the key hint did). */
  readonly method: string;
  readonly details: Readonly<Record<string, unknown>>;
}

/** The key hint of a stored report's key analysis; null without a key. */
export function keyHintOf(report: Report | null | undefined): TonicKeyHint | null {
  const key = report?.analyses.key;
  if (key === undefined || key.tonicPitchClass === null) return null;
  const confidence = Math.min(1, Math.max(0, key.confidence));
  return { tonicPitchClass: key.tonicPitchClass, mode: key.mode, confidence };
}

/** Decodes `audioPath` and estimates its tonic; null when it has neither pitch nor drone. */
export async function estimateRecordingTonic(
  audioPath: string,
  decoding: TonicDecoding,
  key: TonicKeyHint | null,
): Promise<RecordingTonicEstimate | null> {
  const scan = await pitchOfFile(
    audioPath,
    { ...decoding, sampleRate: TONIC_SAMPLE_RATE },
    { pyin: { fmin: FMIN_HZ, fmax: FMAX_HZ, hopSize: HOP }, dronePeaks: true },
  );
  const { track, sampleRate, decoderName, durationSeconds } = scan;
  const spectrumPeaks = scan.dronePeaks ?? [];
  const estimate = estimateTonic(track, { spectrumPeaks, key });
  if (estimate === null) return null;
  let voicedFrames = 0;
  for (const flag of track.voiced) voicedFrames += flag;
  const evidence = [spectrumPeaks.length > 0 ? "drone" : null, voicedFrames > 0 ? "melody" : null];
  const method = estimate.decidedBy === "key" ? "key" : evidence.filter((part) => part !== null).join("+");
  return {
    estimate,
    method,
    details: {
      decidedBy: estimate.decidedBy,
      key,
      candidates: estimate.candidates,
      dronePeaks: spectrumPeaks.length,
      voicedFrames,
      frames: track.voiced.length,
      durationSeconds,
      pyin: { sampleRate, hopSize: HOP, fminHz: FMIN_HZ, fmaxHz: FMAX_HZ },
      decoder: decoderName,
    },
  };
}

/** Pitch class, scientific octave and cents from equal temperament of `hz` (A4 = 440 Hz). */
export function describePitch(hz: number): { pitchClass: number; octave: number; centsOffset: number } {
  const semitones = 12 * Math.log2(hz / C0_HZ);
  const nearest = Math.round(semitones);
  return {
    pitchClass: ((nearest % 12) + 12) % 12,
    octave: Math.floor(nearest / 12),
    centsOffset: 100 * (semitones - nearest),
  };
}

const PITCH_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"] as const;

/** "D3" for pitch class 2, octave 3. */
export function noteName(pitchClass: number, octave: number): string {
  return `${PITCH_NAMES[pitchClass] ?? "?"}${octave}`;
}
