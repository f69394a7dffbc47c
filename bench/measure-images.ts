/**
 * Child-process probe for the "Images and pitch" bench section: one measurement per process
 * so that its peak RSS (VmHWM) is its own. Prints one JSON line.
 * Usage:
 *   tsx bench/measure-images.ts cqt-image FILE WIDTH OUT.webp [--in-memory]
 *     decode + constant-Q spectrogram (600 px high, magma) + WebP: streaming (the CLI's and
 *     the service's path) or, with --in-memory, the whole signal decoded first (the old path).
 *   tsx bench/measure-images.ts pyin FILE
 *     pYIN (60–1000 Hz, hop 256 at 22.05 kHz: the melograph's settings) over the decoded
 *     mono track; the timing excludes the decoding.
 *   tsx bench/measure-images.ts melograph FILE WIDTH OUT.png [--in-memory]
 *     `tonearm melograph FILE --spectrogram --estimate-tonic` (height 400): decode + pYIN +
 *     drone peaks + tonic, then the constant-Q background and the PNG: streamed (the CLI's and
 *     the service's path, io/pitch-from-file.ts) or, with --in-memory, the whole mono signal
 *     decoded first and handed to pyin, droneSpectrumPeaks and melographBackground (the old path).
 * The process is tuned as the CLI's own (src/cli/tune-v8.ts), since it stands for CLI commands.
 */
import { readFileSync } from "node:fs";
import { tuneV8ForAvailableCpus } from "../src/cli/tune-v8.js";
import { pyin } from "../src/core/pitch/pyin.js";
import { estimateTonic } from "../src/core/pitch/tonic.js";
import { droneSpectrumPeaks } from "../src/core/pitch/tonic-drone-peaks.js";
import { decodeMono } from "../src/io/decode-audio.js";
import { writeSpectrogramImage } from "../src/io/images/encode-spectrogram-image.js";
import { melographBackground, writeMelographImage } from "../src/io/images/melograph-image.js";
import { writeSpectrogramImageOfFile } from "../src/io/images/spectrogram-from-file.js";
import { melographBackgroundOfFile, pitchOfFile } from "../src/io/pitch-from-file.js";
import { peakRssBytes } from "./peak-rss.js";

const [mode, path, ...rest] = process.argv.slice(2);
const decoding = { decoder: "auto", ffmpegPath: null, maxDurationSeconds: 3 * 3600 } as const;
const RATE = 22_050;

/**
 * CPU seconds of this process and its waited-for children (ffmpeg): utime + stime + cutime +
 * cstime of /proc/self/stat, so a loaded machine's waiting does not count; null off Linux.
 */
function cpuSeconds(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14–17 of proc(5) are 12–15 after the "(comm)" and state fields.
    const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
    return ticks / 100;
  } catch {
    return null;
  }
}

tuneV8ForAvailableCpus();
const baselineRssBytes = peakRssBytes();
const cpuAtStart = cpuSeconds();
const started = performance.now();
let audioSeconds = 0;
/** pYIN's own CPU time (its thread only: the decode is not timed). */
let pyinCpuSeconds: number | null = null;
let seconds = 0;
if (mode === "cqt-image" && path) {
  const width = Number(rest[0] ?? 4000);
  const out = rest[1] ?? "/tmp/tonearm-bench-cqt.webp";
  const image = { kind: "cqt", width, height: 600, colormap: "magma", format: "webp" } as const;
  if (rest.includes("--in-memory")) {
    const { samples, sampleRate } = await decodeMono(path, decoding, RATE);
    audioSeconds = samples.length / sampleRate;
    const hopSize = Math.max(64, Math.floor(samples.length / width));
    await writeSpectrogramImage(samples, sampleRate, out, { ...image, hopSize });
  } else {
    const matrix = await writeSpectrogramImageOfFile(path, { ...decoding, sampleRate: RATE }, out, image);
    audioSeconds = matrix.frames * matrix.hopSeconds;
  }
  seconds = (performance.now() - started) / 1000;
} else if (mode === "pyin" && path) {
  const { samples, sampleRate } = await decodeMono(path, decoding, RATE);
  audioSeconds = samples.length / sampleRate;
  const begin = performance.now();
  const cpuBegin = process.cpuUsage();
  pyin(samples, { sampleRate, fmin: 60, fmax: 1000, hopSize: 256 });
  seconds = (performance.now() - begin) / 1000;
  const used = process.cpuUsage(cpuBegin);
  pyinCpuSeconds = (used.user + used.system) / 1e6;
} else if (mode === "melograph" && path) {
  const width = Number(rest[0] ?? 1200);
  const out = rest[1] ?? "/tmp/tonearm-bench-melograph.png";
  const pitch = { fmin: 60, fmax: 1000, hopSize: 256 };
  const size = { width, height: 400 };
  if (rest.includes("--in-memory")) {
    const { samples, sampleRate } = await decodeMono(path, decoding, RATE);
    audioSeconds = samples.length / sampleRate;
    const track = pyin(samples, { sampleRate, ...pitch });
    const tonicHz = estimateTonic(track, { spectrumPeaks: droneSpectrumPeaks(samples, sampleRate) })?.hz ?? null;
    const background = melographBackground(track, samples, sampleRate, size);
    await writeMelographImage(track, out, { ...size, durationSeconds: audioSeconds, tonicHz, background });
  } else {
    const fileDecoding = { ...decoding, sampleRate: RATE };
    const scan = await pitchOfFile(path, fileDecoding, { pyin: pitch, dronePeaks: true });
    audioSeconds = scan.durationSeconds;
    const tonicHz = estimateTonic(scan.track, { spectrumPeaks: scan.dronePeaks ?? [] })?.hz ?? null;
    const background = await melographBackgroundOfFile(path, fileDecoding, scan.track, {
      ...size,
      durationSeconds: audioSeconds,
    });
    await writeMelographImage(scan.track, out, { ...size, durationSeconds: audioSeconds, tonicHz, background });
  }
  seconds = (performance.now() - started) / 1000;
} else {
  throw new Error(
    "usage: measure-images.ts cqt-image FILE WIDTH OUT [--in-memory] | pyin FILE | melograph FILE WIDTH OUT [--in-memory]",
  );
}
const cpuAtEnd = cpuSeconds();
const cpu = pyinCpuSeconds ?? (cpuAtStart === null || cpuAtEnd === null ? null : cpuAtEnd - cpuAtStart);
process.stdout.write(
  `${JSON.stringify({ seconds, cpuSeconds: cpu, audioSeconds, peakRssBytes: peakRssBytes(), baselineRssBytes })}\n`,
);
