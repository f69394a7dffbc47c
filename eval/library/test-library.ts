/**
 * The synthetic test library of the audio genre evaluation: genres × artists × albums × tracks,
 * composed by the pseudo-genre recipes (pseudo-genres.ts) from fixed seeds, written as MIDI and
 * rendered by FluidSynth (`fluidsynth -ni -F out.wav -r 44100 SOUNDFONT in.mid`) with General
 * MIDI soundfonts. Each artist plays its own instruments at its own tempo centre; the two
 * albums of an artist use different soundfonts and every soundfont serves every genre equally
 * often, so a classifier gains nothing from recognising a soundfont. Renders are cached under
 * os.tmpdir() by a hash of the MIDI bytes, the soundfont and the render settings.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { createSeededRandom } from "../../src/core/test-helpers/seeded-random.js";
import { createArtistStyle, PSEUDO_GENRES, type PseudoGenreName } from "./pseudo-genres.js";
import { between, pick, type SongPlan, songToMidi } from "./song-parts.js";

const run = promisify(execFile);

export const SOUNDFONT_CANDIDATES = [
  "/usr/share/sounds/sf2/FluidR3_GM.sf2",
  "/usr/share/sounds/sf2/TimGM6mb.sf2",
  "/usr/share/sounds/sf3/MuseScore_General.sf3",
] as const;

export const RENDER_SAMPLE_RATE = 44_100;
const RENDER_GAIN = 0.5;

export interface TestLibraryOptions {
  readonly artistsPerGenre: number;
  readonly albumsPerArtist: number;
  readonly tracksPerAlbum: number;
  readonly trackSeconds: number;
  readonly seed: number;
}

export const TEST_LIBRARY_DEFAULTS: TestLibraryOptions = {
  artistsPerGenre: 3,
  albumsPerArtist: 2,
  tracksPerAlbum: 4,
  trackSeconds: 20,
  seed: 20_261_122,
};

export interface TestTrack {
  readonly id: string;
  readonly plan: SongPlan;
  readonly midi: Uint8Array;
}

export interface TestAlbum {
  readonly id: string;
  readonly artist: string;
  readonly genre: PseudoGenreName;
  readonly soundfont: string;
  readonly tracks: readonly TestTrack[];
}

/** The library's albums with their tracks' MIDI, from `options.seed` alone. */
export function planTestLibrary(soundfonts: readonly string[], options: Partial<TestLibraryOptions> = {}): TestAlbum[] {
  const settings = { ...TEST_LIBRARY_DEFAULTS, ...options };
  if (soundfonts.length === 0) throw new RangeError("planTestLibrary: no soundfont");
  const albums: TestAlbum[] = [];
  PSEUDO_GENRES.forEach((genre, genreIndex) => {
    for (let artistIndex = 0; artistIndex < settings.artistsPerGenre; artistIndex++) {
      const artist = `${genre.name} Artist ${artistIndex + 1}`;
      const artistRandom = createSeededRandom(settings.seed + 1000 * genreIndex + artistIndex);
      const style = createArtistStyle(genre, artistRandom);
      for (let albumIndex = 0; albumIndex < settings.albumsPerArtist; albumIndex++) {
        const albumId = `${genre.name.toLowerCase()}-${artistIndex + 1}-${albumIndex + 1}`;
        const random = createSeededRandom(settings.seed + 1000 * genreIndex + 100 * (artistIndex + 1) + albumIndex);
        const albumTempo = style.tempoBpm * between(random, 0.93, 1.07);
        const albumTonic = Math.floor(random() * 12);
        const tracks: TestTrack[] = [];
        for (let trackIndex = 0; trackIndex < settings.tracksPerAlbum; trackIndex++) {
          const [low, high] = genre.tempoRange;
          const tempoBpm = Math.min(high, Math.max(low, albumTempo * between(random, 0.97, 1.03)));
          const beatsPerBar = pick(random, genre.beatsPerBar);
          const plan: SongPlan = {
            tempoBpm,
            beatsPerBar,
            bars: Math.max(4, Math.round((settings.trackSeconds * tempoBpm) / 60 / beatsPerBar)),
            tonic: (albumTonic + pick(random, [0, 0, 5, 7])) % 12,
            minor: random() < genre.minorShare,
            swing: genre.swing,
          };
          const parts = genre.compose(plan, style, pick(random, genre.progressions), random);
          tracks.push({ id: `${albumId}-${trackIndex + 1}`, plan, midi: songToMidi(plan, parts, random) });
        }
        const soundfont = soundfonts[(artistIndex + albumIndex) % soundfonts.length] ?? soundfonts[0] ?? "";
        albums.push({ id: albumId, artist, genre: genre.name, soundfont, tracks });
      }
    }
  });
  return albums;
}

export function availableSoundfonts(): string[] {
  return SOUNDFONT_CANDIDATES.filter((path) => existsSync(path));
}

export function renderCacheDirectory(): string {
  return join(tmpdir(), "tonearm-eval-library-audio");
}

/** The cache key of a track's render: its MIDI bytes, the soundfont and the render settings. */
export function renderKey(track: TestTrack, soundfont: string): string {
  return createHash("sha256")
    .update(track.midi)
    .update(`\0${basename(soundfont)}\0${RENDER_SAMPLE_RATE}\0${RENDER_GAIN}`)
    .digest("hex")
    .slice(0, 24);
}

/** Renders one track (or finds its cached render) and answers the WAV's path. */
export async function renderTrack(track: TestTrack, soundfont: string, cacheDirectory: string): Promise<string> {
  const key = renderKey(track, soundfont);
  const wavPath = join(cacheDirectory, `${key}.wav`);
  if (existsSync(wavPath)) return wavPath;
  await mkdir(cacheDirectory, { recursive: true });
  const midiPath = join(cacheDirectory, `${key}.mid`);
  const partialPath = join(cacheDirectory, `${key}.partial.wav`);
  await writeFile(midiPath, track.midi);
  await run("fluidsynth", [
    "-ni",
    "-q",
    "-g",
    String(RENDER_GAIN),
    "-r",
    String(RENDER_SAMPLE_RATE),
    "-F",
    partialPath,
    soundfont,
    midiPath,
  ]);
  await rename(partialPath, wavPath);
  return wavPath;
}
