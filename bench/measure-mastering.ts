/**
 * Child-process probe for the loudness and mastering table: decodes FILE (not timed), then
 * times the loudness and mastering ingest passes plus the mastering analysis on the samples in
 * memory, fed in decoder-sized chunks — best of `runs`. `npm run bench` runs it pinned to one
 * CPU (taskset), as the issue measures it. Prints one JSON line.
 * Usage: tsx bench/measure-mastering.ts FILE [runs]
 */
import { loadRealFftFactory } from "../src/accel/select-real-fft.js";
import { loadAccelerators } from "../src/accel/wasm-kernels.js";
import { masteringAnalysis } from "../src/analysis/analyses/mastering.js";
import { AnalysisContext } from "../src/analysis/analysis-context.js";
import type { IngestPass } from "../src/analysis/ingest/track-ingest.js";
import { decodeAudio } from "../src/io/decode-audio.js";

const [path, runsText = "5"] = process.argv.slice(2);
if (!path) throw new Error("usage: measure-mastering.ts FILE [runs]");
const { audio } = await decodeAudio(path);
const audioSeconds = audio.channels[0]!.length / audio.sampleRate;
const fftFactory = await loadRealFftFactory();
const accelerators = loadAccelerators();

function best(passes: IngestPass[], analyse: boolean): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let run = 0; run < Number(runsText); run++) {
    const started = performance.now();
    const context = AnalysisContext.fromSignal(audio, { origin: "file" }, { fftFactory, passes, accelerators });
    if (analyse) masteringAnalysis.run(context, {});
    fastest = Math.min(fastest, (performance.now() - started) / 1000);
  }
  return fastest;
}

const loudnessSeconds = best(["loudness"], false);
const masteringSeconds = best(["mastering"], false);
const bothSeconds = best(["loudness", "mastering"], true);
process.stdout.write(`${JSON.stringify({ audioSeconds, loudnessSeconds, masteringSeconds, bothSeconds })}\n`);
