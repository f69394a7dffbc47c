/**
 * Child-process probe for the benchmark: decode (or decode and analyse) one file and
 * print one JSON line with wall time, decoded length and this process's peak RSS, so
 * each measurement's memory is its own.
 * The process is tuned as the CLI's own (src/cli/tune-v8.ts: on one CPU, optimised code is
 * compiled on the analysing thread), since it stands for `tonearm analyze` / `tonearm decode`.
 * Usage: tsx bench/measure.ts decode|analyze FILE [auto|system|bundled]
 */
import { analyze } from "../src/analyze.js";
import { tuneV8ForAvailableCpus } from "../src/cli/tune-v8.js";
import { decodeAudio } from "../src/io/decode-audio.js";
import { peakRssBytes } from "./peak-rss.js";

type Decoder = "auto" | "system" | "bundled";
const [mode, path, decoder = "auto"] = process.argv.slice(2);
if (!path || (mode !== "decode" && mode !== "analyze")) {
  throw new Error("usage: measure.ts decode|analyze FILE [auto|system|bundled]");
}

tuneV8ForAvailableCpus();
const baselineRssBytes = peakRssBytes();
const started = performance.now();
let audioSeconds: number;
let pcmBytes: number;
let decoderName: string;
if (mode === "decode") {
  const decoded = await decodeAudio(path, { decoder: decoder as Decoder });
  const samples = decoded.audio.channels[0]?.length ?? 0;
  audioSeconds = samples / decoded.audio.sampleRate;
  pcmBytes = samples * decoded.audio.channels.length * 4;
  decoderName = [decoded.decoder.name, decoded.decoder.source].filter(Boolean).join(" ");
} else {
  const report = await analyze(path, { decoder: decoder as Decoder });
  audioSeconds = report.audio.durationSeconds;
  pcmBytes = report.audio.samples * report.audio.channels * 4;
  decoderName = [report.source.decoder?.name, report.source.decoder?.source].filter(Boolean).join(" ");
}
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ seconds, audioSeconds, pcmBytes, peakRssBytes: peakRssBytes(), baselineRssBytes, decoder: decoderName })}\n`,
);
