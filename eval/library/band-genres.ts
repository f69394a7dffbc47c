/**
 * The band pseudo-genres: Rock (110–150 BPM back-beat, power chords), Punk (160–200 BPM, kick on
 * the off-beats, I–IV–V power chords) and Reggae (66–88 BPM one-drop, off-beat skank).
 * See pseudo-genres.ts for the whole set.
 */
import {
  CLOSED_HAT,
  CRASH,
  KICK,
  melodyLine,
  type PseudoGenre,
  program,
  RIDE,
  SIDE_STICK,
  SNARE,
} from "./genre-recipe.js";
import { addNote, DRUM_CHANNEL, degreeAt, degreePitch, diatonicChord, newPart, pick } from "./song-parts.js";

export const rock: PseudoGenre = {
  name: "Rock",
  tempoRange: [110, 150],
  minorShare: 0.4,
  beatsPerBar: [4],
  swing: 0,
  progressions: [
    [0, 4, 5, 3],
    [0, 3, 4, 3],
    [0, 6, 3, 0],
    [5, 3, 0, 4],
  ],
  palette: [
    [29, 30],
    [33, 34],
    [29, 30, 27],
  ],
  compose: (plan, style, progression, random) => {
    const drums = newPart(DRUM_CHANNEL, 0);
    const guitar = newPart(0, program(style, 0));
    const bass = newPart(1, program(style, 1));
    const lead = newPart(2, program(style, 2));
    for (let bar = 0; bar < plan.bars; bar++) {
      const start = bar * 4;
      const root = degreePitch(plan, degreeAt(progression, bar), 28);
      if (bar % 4 === 0) addNote(drums, start, 1, CRASH, 100);
      for (let eighth = 0; eighth < 8; eighth++) addNote(drums, start + eighth / 2, 0.25, CLOSED_HAT, 70);
      for (const beat of [0, 2, random() < 0.5 ? 2.5 : 3.5]) addNote(drums, start + beat, 0.25, KICK, 110);
      for (const beat of [1, 3]) addNote(drums, start + beat, 0.25, SNARE, 110);
      for (let eighth = 0; eighth < 8; eighth++) {
        addNote(bass, start + eighth / 2, 0.45, root, 95);
        for (const interval of [0, 7, 12]) addNote(guitar, start + eighth / 2, 0.4, root + 24 + interval, 90);
      }
    }
    if (style.melody) melodyLine(plan, progression, lead, random, 1, 60);
    return [drums, guitar, bass, lead];
  },
};

export const punk: PseudoGenre = {
  name: "Punk",
  tempoRange: [160, 200],
  minorShare: 0.15,
  beatsPerBar: [4],
  swing: 0,
  progressions: [
    [0, 3, 4, 3],
    [0, 4, 3, 4],
    [0, 0, 3, 4],
  ],
  palette: [
    [29, 30],
    [33, 34],
    [30, 29],
  ],
  compose: (plan, style, progression, random) => {
    const drums = newPart(DRUM_CHANNEL, 0);
    const guitar = newPart(0, program(style, 0));
    const bass = newPart(1, program(style, 1));
    const lead = newPart(2, program(style, 2));
    const cymbal = random() < 0.5 ? CRASH : RIDE;
    for (let bar = 0; bar < plan.bars; bar++) {
      const start = bar * 4;
      const root = degreePitch(plan, degreeAt(progression, bar), 28);
      for (let beat = 0; beat < 4; beat++) {
        addNote(drums, start + beat, 0.25, KICK, 110);
        addNote(drums, start + beat + 0.5, 0.25, beat % 2 === 1 ? SNARE : KICK, 105);
        if (beat % 2 === 1) addNote(drums, start + beat, 0.25, SNARE, 115);
        addNote(drums, start + beat, 0.4, cymbal, 80);
        addNote(drums, start + beat + 0.5, 0.4, CLOSED_HAT, 75);
      }
      for (let eighth = 0; eighth < 8; eighth++) {
        addNote(bass, start + eighth / 2, 0.45, root, 100);
        for (const interval of [0, 7, 12]) addNote(guitar, start + eighth / 2, 0.45, root + 24 + interval, 100);
      }
    }
    if (style.melody) melodyLine(plan, progression, lead, random, 2, 60);
    return [drums, guitar, bass, lead];
  },
};

export const reggae: PseudoGenre = {
  name: "Reggae",
  tempoRange: [66, 88],
  minorShare: 0.5,
  beatsPerBar: [4],
  swing: 1 / 12,
  progressions: [
    [0, 0, 3, 3],
    [0, 6, 0, 6],
    [0, 3, 4, 3],
  ],
  palette: [
    [17, 16, 27],
    [33, 34],
    [56, 65, 22],
  ],
  compose: (plan, style, progression, random) => {
    const drums = newPart(DRUM_CHANNEL, 0);
    const skank = newPart(0, program(style, 0));
    const bass = newPart(1, program(style, 1));
    const horn = newPart(2, program(style, 2));
    const riff = [
      [0, 0.75, 0],
      [1.5, 0.5, 4],
      [2, 0.4, 2],
      [2.5, 0.9, 0],
      [3.5, 0.4, pick(random, [4, 5, -1])],
    ] as const;
    for (let bar = 0; bar < plan.bars; bar++) {
      const start = bar * 4;
      const degree = degreeAt(progression, bar);
      addNote(drums, start + 2, 0.25, KICK, 110);
      addNote(drums, start + 2, 0.25, SIDE_STICK, 100);
      for (let eighth = 0; eighth < 8; eighth++) addNote(drums, start + eighth / 2, 0.2, CLOSED_HAT, 60);
      for (const beat of [1, 3]) {
        for (const key of diatonicChord(plan, degree, 60, 3)) addNote(skank, start + beat, 0.2, key, 85);
      }
      for (const [beat, length, step] of riff)
        addNote(bass, start + beat, length, degreePitch(plan, degree + step, 36), 105);
    }
    if (style.melody) melodyLine(plan, progression, horn, random, 1, 60);
    return [drums, skank, bass, horn];
  },
};
