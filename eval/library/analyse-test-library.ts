/**
 * Renders every track of the test library (test-library.ts) and analyses it once with the
 * analyses the audio vectors need ("features", "rhythm", "mastering-vector"), keeping both
 * track vectors (src/library/suggest/audio-feature-vector.ts). Vectors are cached in a JSON file
 * beside the renders, keyed by the render key and the analysis version, so a re-run only
 * computes what changed. Two tracks are in flight at once: one renders (FluidSynth, a child
 * process) while the other is analysed.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { analyze } from "../../src/analyze.js";
import { AUDIO_VECTOR_ANALYSES, audioFeatureVector } from "../../src/library/suggest/audio-feature-vector.js";
import { ANALYSIS_VERSION } from "../../src/version.js";
import { renderKey, renderTrack, type TestAlbum, type TestTrack } from "./test-library.js";

export interface TrackVectors {
  readonly features: number[] | null;
  readonly mastering: number[] | null;
  readonly durationSeconds: number;
  readonly tempoBpm: number | null;
}

export interface AnalysedLibrary {
  /** Track id → vectors. */
  readonly tracks: ReadonlyMap<string, TrackVectors>;
  readonly audioSeconds: number;
  /** Tracks rendered or analysed in this run (the rest came from the cache). */
  readonly computed: number;
  readonly wallSeconds: number;
}

const CONCURRENCY = 2;

export async function analyseTestLibrary(
  albums: readonly TestAlbum[],
  cacheDirectory: string,
  log: (line: string) => void,
): Promise<AnalysedLibrary> {
  const started = performance.now();
  const cachePath = join(cacheDirectory, `vectors-analysis-v${ANALYSIS_VERSION}.json`);
  const cache: Record<string, TrackVectors> = existsSync(cachePath)
    ? (JSON.parse(await readFile(cachePath, "utf8")) as Record<string, TrackVectors>)
    : {};
  const jobs: { track: TestTrack; soundfont: string; key: string }[] = albums.flatMap((album) =>
    album.tracks.map((track) => ({ track, soundfont: album.soundfont, key: renderKey(track, album.soundfont) })),
  );
  const tracks = new Map<string, TrackVectors>();
  let computed = 0;
  let next = 0;
  const worker = async () => {
    for (;;) {
      const job = jobs[next++];
      if (job === undefined) return;
      let vectors = cache[job.key];
      if (vectors === undefined) {
        const path = await renderTrack(job.track, job.soundfont, cacheDirectory);
        const report = await analyze(path, { analyses: [...AUDIO_VECTOR_ANALYSES["features+mastering"]] });
        const features = audioFeatureVector(report, "features");
        const mastering = audioFeatureVector(report, "mastering");
        vectors = {
          features: features === null ? null : Array.from(features),
          mastering: mastering === null ? null : Array.from(mastering),
          durationSeconds: report.audio.durationSeconds,
          tempoBpm: report.analyses.rhythm?.tempoBpm ?? null,
        };
        cache[job.key] = vectors;
        computed++;
        if (computed % 10 === 0) log(`  ${computed} tracks rendered and analysed…`);
      }
      tracks.set(job.track.id, vectors);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  if (computed > 0) await writeFile(cachePath, JSON.stringify(cache));
  const audioSeconds = [...tracks.values()].reduce((sum, track) => sum + track.durationSeconds, 0);
  return { tracks, audioSeconds, computed, wallSeconds: (performance.now() - started) / 1000 };
}
