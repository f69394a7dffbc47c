/**
 * The electronic pseudo-genres: House (120–128 BPM four-on-the-floor, pads, off-beat synth bass)
 * and Techno (126–140 BPM, 16th hats, one-note bass riff, stabs, no pad).
 * See pseudo-genres.ts for the whole set.
 */
import { CLAP, CLOSED_HAT, KICK, OPEN_HAT, type PseudoGenre, program, RIDE } from "./genre-recipe.js";
import { addNote, DRUM_CHANNEL, degreeAt, degreePitch, diatonicChord, newPart, pick } from "./song-parts.js";

export const house: PseudoGenre = {
  name: "House",
  tempoRange: [120, 128],
  minorShare: 0.8,
  beatsPerBar: [4],
  swing: 0,
  progressions: [
    [0, 5, 2, 6],
    [0, 3, 0, 4],
    [0, 0, 5, 6],
  ],
  palette: [
    [38, 39, 87],
    [88, 89, 90, 95],
    [81, 80, 84],
  ],
  compose: (plan, style, progression, random) => {
    const drums = newPart(DRUM_CHANNEL, 0);
    const bass = newPart(0, program(style, 0));
    const pad = newPart(1, program(style, 1));
    const lead = newPart(2, program(style, 2));
    const arpeggio = [0, 1, 2, 1, 2, 0, 1, 2].sort(() => random() - 0.5);
    for (let bar = 0; bar < plan.bars; bar++) {
      const start = bar * 4;
      const degree = degreeAt(progression, bar);
      for (let beat = 0; beat < 4; beat++) {
        addNote(drums, start + beat, 0.25, KICK, 115);
        addNote(drums, start + beat + 0.5, 0.25, OPEN_HAT, 80);
        addNote(bass, start + beat + 0.5, 0.35, degreePitch(plan, degree, 36), 100);
        for (let sixteenth = 0; sixteenth < 4; sixteenth++)
          addNote(drums, start + beat + sixteenth / 4, 0.1, CLOSED_HAT, 45);
      }
      for (const beat of [1, 3]) addNote(drums, start + beat, 0.25, CLAP, 100);
      for (const key of diatonicChord(plan, degree, 60, 4)) addNote(pad, start, 4, key, 60);
      if (style.melody) {
        const chord = diatonicChord(plan, degree, 72, 3);
        for (let step = 0; step < 8; step++) {
          addNote(lead, start + step / 2, 0.4, chord[arpeggio[step] ?? 0] ?? 72, 75);
        }
      }
    }
    return [drums, bass, pad, lead];
  },
};

export const techno: PseudoGenre = {
  name: "Techno",
  tempoRange: [126, 140],
  minorShare: 0.9,
  beatsPerBar: [4],
  swing: 0,
  progressions: [[0], [0, 0, 0, 5], [0, 6]],
  palette: [
    [38, 39, 87],
    [81, 80, 62],
    [95, 99, 103],
  ],
  compose: (plan, style, progression, random) => {
    const drums = newPart(DRUM_CHANNEL, 0);
    const bass = newPart(0, program(style, 0));
    const stab = newPart(1, program(style, 1));
    const texture = newPart(2, program(style, 2));
    const riff = Array.from({ length: 16 }, () => random() < 0.45);
    const stabSteps = [pick(random, [2, 3, 6]), pick(random, [10, 11, 14])];
    for (let bar = 0; bar < plan.bars; bar++) {
      const start = bar * 4;
      const degree = degreeAt(progression, bar);
      for (let beat = 0; beat < 4; beat++) {
        addNote(drums, start + beat, 0.25, KICK, 120);
        addNote(drums, start + beat + 0.5, 0.3, RIDE, 70);
        for (let sixteenth = 0; sixteenth < 4; sixteenth++) {
          addNote(drums, start + beat + sixteenth / 4, 0.1, CLOSED_HAT, sixteenth % 2 === 0 ? 70 : 50);
        }
      }
      if (bar % 2 === 1) addNote(drums, start + 3.75, 0.2, CLAP, 90);
      riff.forEach((on, step) => {
        if (on) addNote(bass, start + step / 4, 0.2, degreePitch(plan, degree, 36), 105);
      });
      for (const step of stabSteps) {
        for (const key of diatonicChord(plan, degree, 60, 3)) addNote(stab, start + step / 4, 0.2, key, 85);
      }
      if (style.melody && bar % 4 === 0) addNote(texture, start, 16, degreePitch(plan, degree, 72), 50);
    }
    return [drums, bass, stab, texture];
  },
};
