/**
 * tonearm's report in the shape Sectionist's clients read from `POST /analyze`.
 * Source: alienbrainfarm/Sectionist backend/server.py (response envelope
 * `{ success, file_name, analysis: { duration, tempo, key, key_changes, sections,
 * beats_detected, chords } }`), backend/example.py (`analyze_audio_file`: sections
 * `{ name, start, end, confidence }` named "Intro", "Verse 1", "Chorus", …; keys
 * "C# minor" with sharps; key changes `{ timestamp, from_key, to_key, confidence }`;
 * chords `{ name, start, end, confidence }`, no "N"; times rounded to 0.01 s, tempo
 * to 0.1 BPM), and the Swift client Sectionist/AnalysisService.swift
 * (`BackendAnalysisData`: every field non-optional; duration, tempo and confidences
 * Double, key String, beats_detected Int).
 */
import type { Report } from "../../analysis/report.js";

export interface SectionistSection {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly confidence: number;
}

export interface SectionistKeyChange {
  readonly timestamp: number;
  readonly from_key: string;
  readonly to_key: string;
  readonly confidence: number;
}

export interface SectionistAnalysis {
  readonly duration: number;
  readonly tempo: number;
  readonly key: string;
  readonly key_changes: SectionistKeyChange[];
  readonly sections: SectionistSection[];
  readonly beats_detected: number;
  readonly chords: SectionistSection[];
}

/** The analyses Sectionist's response needs. */
export const SECTIONIST_ANALYSES = ["rhythm", "key", "chords", "structure"] as const;

const round = (value: number, digits: number) => Number(value.toFixed(digits));

const SHARP_OF: Record<string, string> = { Db: "C#", Eb: "D#", Gb: "F#", Ab: "G#", Bb: "A#", Cb: "B", Fb: "E" };

/** "Eb major" → "D# major": Sectionist names keys with sharps only. */
export function sectionistKeyName(key: string | null): string {
  if (key === null) return "Unknown";
  const [tonic = "", ...rest] = key.split(" ");
  return [SHARP_OF[tonic] ?? tonic, ...rest].join(" ");
}

const capitalise = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** Section names as Sectionist writes them: "Intro", "Verse 1", "Verse 2", "Chorus", "Bridge", "Outro". */
function sectionNames(names: readonly string[]): string[] {
  const verseCount = names.filter((name) => name === "verse").length;
  let verse = 0;
  return names.map((name) => {
    if (name !== "verse" || verseCount < 2) return capitalise(name);
    verse += 1;
    return `Verse ${verse}`;
  });
}

export function sectionistAnalysis(report: Report): SectionistAnalysis {
  const { rhythm, key, chords, structure } = report.analyses;
  const sections = structure?.sections ?? [];
  const names = sectionNames(sections.map((section) => section.name));
  const keySegments = key?.segments ?? [];
  const keyChanges: SectionistKeyChange[] = [];
  for (let index = 1; index < keySegments.length; index++) {
    const previous = keySegments[index - 1]!;
    const segment = keySegments[index]!;
    if (segment.key === previous.key) continue;
    keyChanges.push({
      timestamp: round(segment.start, 2),
      from_key: sectionistKeyName(previous.key),
      to_key: sectionistKeyName(segment.key),
      confidence: round(segment.confidence, 2),
    });
  }
  return {
    duration: round(report.audio.durationSeconds, 2),
    tempo: round(rhythm?.tempoBpm ?? 0, 1),
    key: sectionistKeyName(key?.key ?? null),
    key_changes: keyChanges,
    sections: sections.map((section, index) => ({
      name: names[index]!,
      start: round(section.start, 2),
      end: round(section.end, 2),
      confidence: round(section.confidence, 2),
    })),
    beats_detected: rhythm?.beats.length ?? 0,
    chords: (chords?.segments ?? [])
      .filter((segment) => segment.name !== "N")
      .map((segment) => ({
        name: segment.name,
        start: round(segment.start, 2),
        end: round(segment.end, 2),
        confidence: round(segment.confidence, 2),
      })),
  };
}
