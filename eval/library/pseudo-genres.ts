/**
 * Seven pseudo-genres for the audio genre evaluation, differing the way real genres do: in
 * instrumentation (GM programs), tempo range, drum groove and harmony.
 *   Rock       110–150 BPM, straight 8ths: kick 1/3, snare 2/4, 8th hats; distorted power chords, picked bass
 *   Jazz       120–190 BPM, swung: ride spang-a-lang, hi-hat foot 2/4; walking bass, 7th-chord comping, horn line
 *   House      120–128 BPM, four-on-the-floor, clap 2/4, off-beat open hat; synth bass, pad, arpeggiated lead
 *   Classical   60–96 BPM, no drums, 3/4 or 4/4; string or keyboard textures, stepwise melody, cadences
 *   Reggae      66–88 BPM, one-drop (kick + rim on 3), off-beat skank; syncopated bass, organ bubble
 * and two close neighbours of the above, as real libraries have them:
 *   Punk       160–200 BPM, kick on every beat's "and", snare 2/4, 8th crash-ride; major I–IV–V power chords
 *   Techno     126–140 BPM, four-on-the-floor, 16th hats, ride off-beats; one-note bass riff, stabs, no pad
 * An artist fixes one choice per role from the genre's palette and a tempo centre; albums and
 * tracks vary key, mode, progression, tempo and seed around it.
 */
import type { RandomSource } from "../../src/core/test-helpers/seeded-random.js";
import { classical, jazz } from "./acoustic-genres.js";
import { punk, reggae, rock } from "./band-genres.js";
import { house, techno } from "./electronic-genres.js";
import type { ArtistStyle, PseudoGenre } from "./genre-recipe.js";
import { between, pick } from "./song-parts.js";

export type { ArtistStyle, PseudoGenre, PseudoGenreName } from "./genre-recipe.js";

export const PSEUDO_GENRES: readonly PseudoGenre[] = [rock, jazz, house, classical, reggae, punk, techno];

/** An artist of `genre`: one program per role and a tempo centre, from a seeded source. */
export function createArtistStyle(genre: PseudoGenre, random: RandomSource): ArtistStyle {
  const [low, high] = genre.tempoRange;
  return {
    programs: genre.palette.map((choices) => pick(random, choices)),
    tempoBpm: between(random, low + 0.15 * (high - low), high - 0.15 * (high - low)),
    melody: random() < 0.7,
  };
}
