/**
 * The drum model's training set: clips planned by train-drum-patterns.ts, mixed by
 * train-drum-mixes.ts from the kits of train-drum-samples.ts, each run through the
 * analysis layer's own track ingest (the rhythm frame pass, exactly what the "drums"
 * analysis reads) and kept as its DrumSpectralInput with the hits it holds. Clips are made
 * in shards of SHARD_CLIPS, each cached as one file. Part of scripts/train-drum-model.ts.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { drumInputFromSignal } from "../src/core/drums/transcription/drum-input-from-signal.js";
import { type DrumSpectralInput, FULL_BAND_HZ } from "../src/core/drums/transcription/drum-spectral-input.js";
import { createSeededRandom } from "../src/core/test-helpers/seeded-random.js";
import { masterMix, renderAccompaniments, renderDrums } from "./train-drum-mixes.js";
import { type ClipPlan, type PatternHit, planClip } from "./train-drum-patterns.js";
import { SAMPLE_RATE, SOUNDFONTS, type TrainingKit } from "./train-drum-samples.js";

export const SHARD_CLIPS = 24;

export interface TrainingClip {
  readonly kit: string;
  readonly soundfont: string;
  readonly hits: readonly PatternHit[];
  readonly input: DrumSpectralInput;
}

/** The clips of shard `shard` (made, or read from `directory` if made before). */
export function trainingShard(
  shard: number,
  kits: readonly TrainingKit[],
  directory: string,
  log: (line: string) => void,
): TrainingClip[] {
  mkdirSync(directory, { recursive: true });
  const path = join(directory, `shard-${String(shard).padStart(3, "0")}.bin`);
  if (existsSync(path)) return readShard(path);
  const random = createSeededRandom(0x5eed + 7919 * shard);
  const soundfont = SOUNDFONTS[shard % SOUNDFONTS.length]!;
  const plans: ClipPlan[] = [];
  for (let i = 0; i < SHARD_CLIPS; i++) {
    const kind = random();
    plans.push(planClip(random, { drums: kind >= 0.07, music: kind < 0.07 || kind >= 0.17 }));
  }
  const music = renderAccompaniments(plans, soundfont, directory, `shard-${shard}`);
  const clips: TrainingClip[] = plans.map((plan, i) => {
    const kit = kits[Math.floor(random() * kits.length)]!;
    const drums = renderDrums(plan, kit, random);
    const mix = masterMix(drums.stem, music[i]!, random);
    // Every band; those of RHYTHM_PASS_BAND_HZ equal the rhythm frame pass's bit for bit.
    const input = drumInputFromSignal(mix, SAMPLE_RATE, { bandHz: FULL_BAND_HZ });
    return { kit: kit.name, soundfont, hits: drums.hits, input };
  });
  writeShard(path, clips);
  log(`  shard ${shard}: ${clips.length} clips (${soundfont.split("/").pop()})`);
  return clips;
}

interface ShardHeader {
  readonly clips: {
    readonly kit: string;
    readonly soundfont: string;
    readonly hits: readonly PatternHit[];
    readonly frames: number;
    readonly frameRate: number;
    readonly startSeconds: number;
    readonly bandCenterHz: number[];
    readonly regions: number;
    readonly highBand: boolean;
  }[];
}

function writeShard(path: string, clips: readonly TrainingClip[]): void {
  const header: ShardHeader = {
    clips: clips.map((clip) => ({
      kit: clip.kit,
      soundfont: clip.soundfont,
      hits: clip.hits,
      frames: clip.input.frames,
      frameRate: clip.input.frameRate,
      startSeconds: clip.input.startSeconds,
      bandCenterHz: Array.from(clip.input.bandCenterHz),
      regions: clip.input.regionFlux.length,
      highBand: clip.input.highBandFlux !== null,
    })),
  };
  const arrays = clips.flatMap((clip) => [
    clip.input.bands,
    ...clip.input.regionFlux,
    ...(clip.input.highBandFlux === null ? [] : [clip.input.highBandFlux]),
  ]);
  const headerBytes = Buffer.from(`${JSON.stringify(header)}\n`);
  const padding = (4 - (headerBytes.length % 4)) % 4;
  writeFileSync(
    path,
    Buffer.concat([
      headerBytes,
      Buffer.alloc(padding, 0x20),
      ...arrays.map((array) => Buffer.from(array.buffer, array.byteOffset, array.byteLength)),
    ]),
  );
}

function readShard(path: string): TrainingClip[] {
  const bytes = readFileSync(path);
  const newline = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as ShardHeader;
  let offset = newline + 1;
  offset += (4 - (offset % 4)) % 4;
  const body = new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + bytes.length));
  let at = 0;
  const take = (length: number) => {
    const out = body.slice(at, at + length);
    at += length;
    return out;
  };
  return header.clips.map((clip) => {
    const bands = take(clip.frames * clip.bandCenterHz.length);
    const regionFlux = Array.from({ length: clip.regions }, () => take(clip.frames));
    const highBandFlux = clip.highBand ? take(clip.frames) : null;
    return {
      kit: clip.kit,
      soundfont: clip.soundfont,
      hits: clip.hits,
      input: {
        frames: clip.frames,
        frameRate: clip.frameRate,
        startSeconds: clip.startSeconds,
        bands,
        bandCenterHz: Float64Array.from(clip.bandCenterHz),
        regionFlux,
        highBandFlux,
      },
    };
  });
}
