/**
 * The acoustic pseudo-genres: Jazz (swung ride, walking bass, rootless seventh-chord comping)
 * and Classical (no drums, strings or keyboard textures, cadential progressions).
 * See pseudo-genres.ts for the whole set.
 */
import { melodyLine, PEDAL_HAT, type PseudoGenre, program, RIDE, SNARE } from "./genre-recipe.js";
import { addNote, DRUM_CHANNEL, degreeAt, degreePitch, diatonicChord, newPart, pick } from "./song-parts.js";

export const jazz: PseudoGenre = {
  name: "Jazz",
  tempoRange: [120, 190],
  minorShare: 0.2,
  beatsPerBar: [4],
  swing: 1 / 6,
  progressions: [
    [1, 4, 0, 5],
    [0, 5, 1, 4],
    [2, 5, 1, 4],
  ],
  palette: [[0, 11, 26], [32], [65, 66, 56, 71]],
  compose: (plan, style, progression, random) => {
    const drums = newPart(DRUM_CHANNEL, 0);
    const comp = newPart(0, program(style, 0));
    const bass = newPart(1, program(style, 1));
    const horn = newPart(2, program(style, 2));
    for (let bar = 0; bar < plan.bars; bar++) {
      const start = bar * 4;
      const degree = degreeAt(progression, bar);
      for (const beat of [0, 1, 1.5, 2, 3, 3.5]) addNote(drums, start + beat, 0.3, RIDE, beat % 1 === 0 ? 85 : 65);
      for (const beat of [1, 3]) addNote(drums, start + beat, 0.2, PEDAL_HAT, 70);
      if (random() < 0.4) addNote(drums, start + pick(random, [1.5, 2.5, 3.5]), 0.2, SNARE, 45);
      const chordTones = diatonicChord(plan, degree, 36, 4);
      for (let beat = 0; beat < 4; beat++) {
        const tone = beat === 3 ? (chordTones[0] ?? 36) + pick(random, [-1, 1, 2]) : pick(random, chordTones);
        addNote(bass, start + beat, 0.9, tone, 90);
      }
      // Rootless voicing (3rd, 5th, 7th, 9th) on syncopated hits.
      const voicing = diatonicChord(plan, degree + 2, 60, 4);
      for (const hit of [pick(random, [0, 0.5, 1.5]), pick(random, [2.5, 3, 3.5])]) {
        for (const key of voicing) addNote(comp, start + hit, 0.6, key, 70);
      }
    }
    if (style.melody) melodyLine(plan, progression, horn, random, 0.5, 60);
    return [drums, comp, bass, horn];
  },
};

export const classical: PseudoGenre = {
  name: "Classical",
  tempoRange: [60, 96],
  minorShare: 0.4,
  beatsPerBar: [3, 4],
  swing: 0,
  progressions: [
    [0, 3, 4, 0],
    [0, 5, 1, 4],
    [0, 4, 5, 2, 3, 0, 3, 4],
  ],
  palette: [
    [48, 49, 6, 0],
    [42, 43, 70],
    [40, 73, 68, 71],
  ],
  compose: (plan, style, progression, random) => {
    const accompaniment = newPart(0, program(style, 0));
    const low = newPart(1, program(style, 1));
    const melody = newPart(2, program(style, 2));
    const beats = plan.beatsPerBar;
    const arpeggiated = style.programs[0] === 6 || style.programs[0] === 0;
    for (let bar = 0; bar < plan.bars; bar++) {
      const start = bar * beats;
      const degree = degreeAt(progression, bar);
      const swell = 55 + 25 * Math.sin((Math.PI * bar) / Math.max(1, plan.bars - 1));
      const chord = diatonicChord(plan, degree, 48, 3);
      if (arpeggiated) {
        const pattern = [0, 2, 1, 2];
        for (let step = 0; step < beats * 2; step++) {
          addNote(accompaniment, start + step / 2, 0.5, (chord[pattern[step % 4] ?? 0] ?? 48) + 12, swell);
        }
      } else {
        for (const key of chord) addNote(accompaniment, start, beats, key + 12, swell);
      }
      addNote(low, start, beats, degreePitch(plan, degree, 36), swell + 5);
    }
    melodyLine(plan, progression, melody, random, pick(random, [0.5, 1]), 60);
    return [accompaniment, low, melody];
  },
};
