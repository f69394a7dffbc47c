/**
 * The streamed pitch path against the whole-signal one on synthesised files: the same track,
 * frame levels and drone peaks, bit for bit, as pyin, frameLevelsDb and droneSpectrumPeaks
 * over decodeMono's signal (a stereo 44.1-kHz WAV resampled to 22.05 kHz, and an MP3 through
 * ffmpeg), and a melograph background on the axis the melograph draws.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pyin } from "../core/pitch/pyin.js";
import { frameLevelsDb } from "../core/pitch/segment-notes-onsets.js";
import { droneSpectrumPeaks } from "../core/pitch/tonic-drone-peaks.js";
import { createSeededRandom } from "../core/test-helpers/seeded-random.js";
import { decodeMono } from "./decode-audio.js";
import { melographLayout } from "./images/melograph.js";
import { melographBackgroundOfFile, pitchOfFile, scanMonoFile } from "./pitch-from-file.js";
import { bundledFfmpegPath, createFixtureDir, type FixtureDir, runFfmpeg } from "./test-helpers/fixtures.js";
import { writeWav } from "./wav-writer.js";

const FILE_RATE = 44_100;
const RATE = 22_050;
const DECODING = { decoder: "auto", ffmpegPath: null, maxDurationSeconds: 3600, sampleRate: RATE } as const;
const PITCH = { fmin: 60, fmax: 1000, hopSize: 256 } as const;

/** Left: a melody of 0.5-s notes (with gaps) over a 130.8-Hz drone; right: the drone and noise. */
function stereoMelody(seconds: number): Float32Array[] {
  const random = createSeededRandom(23);
  const length = Math.round(seconds * FILE_RATE);
  const left = new Float32Array(length);
  const right = new Float32Array(length);
  const scale = [0, 3, 5, 7, 10, 12, 7, 5];
  let phase = 0;
  for (let i = 0; i < length; i++) {
    const time = i / FILE_RATE;
    const hz = 261.6 * 2 ** (scale[Math.floor(time / 0.5) % scale.length]! / 12);
    const drone = 0.1 * Math.sin(2 * Math.PI * 130.8 * time) + 0.05 * Math.sin(2 * Math.PI * 196.2 * time);
    left[i] = (time % 0.5 < 0.42 ? 0.35 * Math.sin(phase) : 0) + drone;
    right[i] = drone + 0.01 * (random() - 0.5);
    phase += (2 * Math.PI * hz) / FILE_RATE;
  }
  return [left, right];
}

describe("scanMonoFile", () => {
  let fixtures: FixtureDir;
  let wav: string;
  let mp3: string;

  beforeAll(async () => {
    fixtures = await createFixtureDir("pitch-from-file");
    wav = fixtures.file("melody.wav");
    mp3 = fixtures.file("melody.mp3");
    await writeWav(wav, { channels: stereoMelody(12), sampleRate: FILE_RATE }, { format: "float32" });
    await runFfmpeg(await bundledFfmpegPath(), ["-i", wav, "-b:a", "192k", mp3]);
  }, 60_000);
  afterAll(() => fixtures.remove());

  it("gives decodeMono + pyin's track, frameLevelsDb's levels and droneSpectrumPeaks' peaks exactly", async () => {
    for (const path of [wav, mp3]) {
      const { samples, sampleRate, decoderName } = await decodeMono(path, DECODING, RATE);
      const track = pyin(samples, { sampleRate, ...PITCH });
      const scan = await pitchOfFile(path, DECODING, { pyin: PITCH, dronePeaks: true, frameLevelWindow: 1024 });
      expect(scan.sampleRate).toBe(RATE);
      expect(scan.samples).toBe(samples.length);
      expect(scan.durationSeconds).toBe(samples.length / RATE);
      expect(scan.decoderName).toBe(decoderName);
      expect(scan.track.f0Hz).toEqual(track.f0Hz);
      expect(scan.track.voiced).toEqual(track.voiced);
      expect(scan.track.voicedProbability).toEqual(track.voicedProbability);
      expect(scan.track.times).toEqual(track.times);
      expect(scan.frameLevelsDb).toEqual(frameLevelsDb(samples, track.times, RATE, 1024));
      expect(scan.dronePeaks).toEqual(droneSpectrumPeaks(samples, RATE));
      // Not vacuous: the melody is voiced most of the time and the drone is found.
      expect(track.voiced.reduce((sum, v) => sum + v, 0)).toBeGreaterThan(0.6 * track.voiced.length);
      expect(scan.dronePeaks!.some((peak) => Math.abs(1200 * Math.log2(peak.hz / 130.8)) < 10)).toBe(true);
    }
  }, 60_000);

  it("gathers only what it is asked for", async () => {
    const scan = await scanMonoFile(wav, DECODING, { pyin: null });
    expect(scan.track).toBeNull();
    expect(scan.dronePeaks).toBeNull();
    expect(scan.frameLevelsDb).toBeNull();
    expect(scan.samples).toBe(12 * RATE);
    await expect(scanMonoFile(wav, DECODING, { pyin: PITCH, frameLevelWindow: 0 })).rejects.toThrow(/frameLevelWindow/);
  });

  it("streams a melograph background on the axis the melograph draws", async () => {
    const scan = await pitchOfFile(wav, DECODING, { pyin: PITCH });
    const options = { width: 300, height: 200, durationSeconds: scan.durationSeconds };
    const background = await melographBackgroundOfFile(wav, DECODING, scan.track, options);
    const axis = melographLayout(scan.track, options);
    expect(background.kind).toBe("cqt");
    // 36 bins per octave spanning the axis: the melograph takes its range from these bins.
    expect(background.bins).toBe(Math.round(36 * Math.log2(axis.maxHz / axis.minHz)));
    const drawn = melographLayout(scan.track, { ...options, background });
    expect(Math.abs(1200 * Math.log2(drawn.minHz / axis.minHz))).toBeLessThan(100 / 3);
    expect(Math.abs(1200 * Math.log2(drawn.maxHz / axis.maxHz))).toBeLessThan(100 / 3);
    expect(background.frames).toBeGreaterThanOrEqual(options.width / 2);
  });
});
