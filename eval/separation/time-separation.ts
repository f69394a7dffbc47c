/**
 * Wall time, CPU time and peak memory of one drum separation of the first `--seconds` of a file
 * (default 180 s of the dev-long corpus's first song, stereo 44.1 kHz), as the drum pipeline's
 * budget counts it: one core, the WebAssembly FFT when it loads.
 *
 *   npx tsx eval/separation/time-separation.ts [--file PATH] [--seconds 180] [--method learned-mask|hpss] [--fft wasm|ts]
 *
 * One run: on a shared machine the wall time is an upper bound; CPU time is steadier.
 * Peak RSS includes the decoded input (about 8 bytes per stereo frame) and the output.
 */
import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadRealFftFactory } from "../../src/accel/select-real-fft.js";
import { type DrumSeparationMethod, separateDrums } from "../../src/core/drums/separation/separate-drums.js";
import { readWav } from "../../src/io/wav-reader.js";

const { values } = parseArgs({
  options: {
    file: { type: "string", default: join(homedir(), "tonearm-corpus", "dev-long", "audio", "dev_long_00.wav") },
    seconds: { type: "string", default: "180" },
    method: { type: "string", default: "learned-mask" },
    fft: { type: "string", default: "wasm" },
  },
});

const { audio } = await readWav(values.file);
const frames = Math.min(audio.channels[0]!.length, Math.round(Number(values.seconds) * audio.sampleRate));
const channels = audio.channels.map((channel) => channel.slice(0, frames));
const fftFactory = values.fft === "wasm" ? await loadRealFftFactory() : undefined;
const rssBefore = process.memoryUsage().rss;
const cpuBefore = process.cpuUsage();
const start = performance.now();
const { drums } = separateDrums(
  channels,
  audio.sampleRate,
  { method: values.method as DrumSeparationMethod },
  { fftFactory },
);
const wall = performance.now() - start;
const cpu = process.cpuUsage(cpuBefore);
const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
console.log(
  `${values.method} (${values.fft} FFT): ${(frames / audio.sampleRate).toFixed(1)} s × ${channels.length} channels ` +
    `in ${(wall / 1000).toFixed(2)} s wall, ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s CPU; ` +
    `RSS ${mib(rssBefore)} MiB before, peak ${mib(process.resourceUsage().maxRSS * 1024)} MiB ` +
    `(output ${drums.length} × ${drums[0]!.length} samples)`,
);
