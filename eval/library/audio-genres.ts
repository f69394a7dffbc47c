/**
 * Evaluation of the "audio" genre evidence on a synthetic test library with held-out albums:
 *   npx tsx eval/library/audio-genres.ts
 * Builds the library (test-library.ts: 7 pseudo-genres × 3 artists × 2 albums × 4 tracks of
 * ~20 s, FluidSynth renders cached under os.tmpdir()), analyses every track once (vectors
 * cached), then scores leave-one-album-out, leave-one-artist-out and leave-one-genre-out for
 * each vector kind, album aggregation, metric and k (leave-out-evaluation.ts), with a
 * nearest-centroid classifier as a baseline (centroid-baseline.ts), and writes
 * docs/eval-library-audio.md (audio-eval-document.ts).
 */
import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createGaussianRandom } from "../../src/core/test-helpers/seeded-random.js";
import { aggregateGenres } from "../../src/library/suggest/aggregate-genres.js";
import { ALBUM_VECTOR_DEFAULTS, albumAudioVector } from "../../src/library/suggest/audio-album-vector.js";
import {
  AUDIO_VECTOR_KINDS,
  type AudioVectorKind,
  DEFAULT_AUDIO_VECTOR_KIND,
} from "../../src/library/suggest/audio-feature-vector.js";
import {
  AUDIO_NEIGHBOUR_DEFAULTS,
  type AudioSimilarityMetric,
  audioGenreEvidence,
  createAudioGenreIndex,
} from "../../src/library/suggest/audio-genre-neighbours.js";
import { machineInfo } from "../machine-info.js";
import { analyseTestLibrary } from "./analyse-test-library.js";
import {
  audioEvalDocument,
  type CombinationRow,
  type GridRow,
  type KnowledgeRow,
  type ThresholdRow,
} from "./audio-eval-document.js";
import { scoreNearestCentroid } from "./centroid-baseline.js";
import { type EvaluatedAlbum, scoreHoldOut } from "./leave-out-evaluation.js";
import { availableSoundfonts, planTestLibrary, renderCacheDirectory, TEST_LIBRARY_DEFAULTS } from "./test-library.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const KS = [1, 3, 5, 9];
const METRICS: readonly AudioSimilarityMetric[] = ["cosine", "euclidean"];
const THRESHOLDS = [0, 0.1, 0.2, 0.3, 0.4, 0.5];
/** The configuration the detail section describes: the modules' defaults. */
const RECOMMENDED = { kind: DEFAULT_AUDIO_VECTOR_KIND, spread: ALBUM_VECTOR_DEFAULTS.spread };
/** Offline sources that may agree with the audio evidence (aggregate-genres.ts weights). */
const OFFLINE_COMBINATIONS = [
  ["audio"],
  ["audio", "folder-names"],
  ["audio", "artist-albums"],
  ["audio", "file-tags", "artist-albums"],
  ["file-tags", "artist-albums"],
  ["audio", "file-tags", "artist-albums", "folder-names"],
];
const SPEED_ALBUMS = 2400;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<void> {
  const started = performance.now();
  const soundfonts = availableSoundfonts();
  if (soundfonts.length < 2) throw new Error("audio-genres: needs at least two General MIDI soundfonts");
  const albums = planTestLibrary(soundfonts);
  const cacheDirectory = renderCacheDirectory();
  log(
    `${albums.length} albums, ${albums.length * TEST_LIBRARY_DEFAULTS.tracksPerAlbum} tracks; cache ${cacheDirectory}`,
  );
  const analysed = await analyseTestLibrary(albums, cacheDirectory, log);
  log(`analysed (${analysed.computed} computed) in ${analysed.wallSeconds.toFixed(1)} s`);

  const vectorsFor = (kind: AudioVectorKind, spread: boolean): EvaluatedAlbum[] =>
    albums.flatMap((album) => {
      const tracks = album.tracks.flatMap((track) => {
        const vectors = analysed.tracks.get(track.id);
        const features = vectors?.features ?? null;
        const mastering = vectors?.mastering ?? null;
        if (kind === "features") return features === null ? [] : [Float32Array.from(features)];
        if (kind === "mastering") return mastering === null ? [] : [Float32Array.from(mastering)];
        return features === null || mastering === null ? [] : [Float32Array.from([...features, ...mastering])];
      });
      const vector = albumAudioVector(tracks, { spread });
      return vector === null ? [] : [{ ...album, vector }];
    });

  const knowledge: KnowledgeRow[] = [];
  const grid: GridRow[] = [];
  for (const kind of AUDIO_VECTOR_KINDS) {
    for (const spread of [false, true]) {
      const evaluated = vectorsFor(kind, spread);
      knowledge.push({
        kind,
        spread,
        score: scoreHoldOut(evaluated, "album", { k: 1, metric: "cosine", minSimilarity: 0 }),
        centroid: {
          album: scoreNearestCentroid(evaluated, "album"),
          artist: scoreNearestCentroid(evaluated, "artist"),
        },
      });
      for (const metric of METRICS) {
        for (const k of KS) {
          const options = { k, metric, minSimilarity: 0 };
          grid.push({
            kind,
            spread,
            metric,
            k,
            albums: evaluated.length,
            album: scoreHoldOut(evaluated, "album", options).top1,
            artist: scoreHoldOut(evaluated, "artist", options).top1,
          });
        }
      }
    }
  }

  const recommended = vectorsFor(RECOMMENDED.kind, RECOMMENDED.spread);
  const thresholds: ThresholdRow[] = THRESHOLDS.map((minSimilarity) => {
    const options = { ...AUDIO_NEIGHBOUR_DEFAULTS, minSimilarity };
    return {
      minSimilarity,
      album: scoreHoldOut(recommended, "album", options),
      artist: scoreHoldOut(recommended, "artist", options),
      genre: scoreHoldOut(recommended, "genre", options),
    };
  });
  const details = {
    album: scoreHoldOut(recommended, "album", AUDIO_NEIGHBOUR_DEFAULTS),
    artist: scoreHoldOut(recommended, "artist", AUDIO_NEIGHBOUR_DEFAULTS),
    genre: scoreHoldOut(recommended, "genre", AUDIO_NEIGHBOUR_DEFAULTS),
  };

  const combinations: CombinationRow[] = OFFLINE_COMBINATIONS.map((sources) => ({
    sources,
    confidence:
      aggregateGenres(sources.map((source) => ({ source, genres: [{ genre: "Rock", weight: 1 }] })))[0]?.confidence ??
      0,
  }));
  const speedSeconds = timeLargeLibrary(recommended);
  const document = audioEvalDocument({
    date: new Date(),
    machine: machineInfo(root),
    albums,
    soundfonts,
    audioSeconds: analysed.audioSeconds,
    analysisWallSeconds: analysed.wallSeconds,
    computedTracks: analysed.computed,
    grid,
    knowledge,
    combinations,
    recommended: RECOMMENDED,
    defaults: AUDIO_NEIGHBOUR_DEFAULTS,
    thresholds,
    details,
    speed: { albums: SPEED_ALBUMS, dimensions: recommended[0]?.vector.length ?? 0, seconds: speedSeconds },
    totalSeconds: (performance.now() - started) / 1000,
  });
  const path = join(root, "docs/eval-library-audio.md");
  await writeFile(path, document);
  log(document);
  log(`wrote ${path}`);
}

/** Seconds to index SPEED_ALBUMS albums (noisy copies of the real ones) and query every one. */
function timeLargeLibrary(albums: readonly EvaluatedAlbum[]): number {
  const noise = createGaussianRandom(7);
  const large = Array.from({ length: SPEED_ALBUMS }, (_, index) => {
    const source = albums[index % albums.length] as EvaluatedAlbum;
    return {
      id: `copy-${index}`,
      artist: `${source.artist} ${index}`,
      vector: source.vector.map((value) => value * (1 + 0.1 * noise())),
      genres: [source.genre],
    };
  });
  const started = performance.now();
  const index = createAudioGenreIndex(large);
  for (const album of large) audioGenreEvidence(index, album, AUDIO_NEIGHBOUR_DEFAULTS);
  return (performance.now() - started) / 1000;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
