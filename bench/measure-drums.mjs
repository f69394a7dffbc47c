/**
 * Child-process probe for the drum benchmark: the whole `tonearm drums` job on one file
 * (decode, separation, transcription, quantisation, MIDI, MusicXML, PDF, writing every file)
 * with the compiled library in dist/ (plain Node: under tsx, Verovio's 7 MB module takes
 * seconds to import), printing one JSON line with the wall time of each stage, the whole
 * wall time and this process's peak RSS.
 * Usage: node bench/measure-drums.mjs FILE OUTPUT_DIRECTORY
 */
import { readFileSync } from "node:fs";
import { transcribeDrumsFromFile, writeDrumTranscriptionFiles } from "../dist/index.js";

const [path, directory] = process.argv.slice(2);
if (!path || !directory) throw new Error("usage: measure-drums.mjs FILE OUTPUT_DIRECTORY");
const started = performance.now();
const transcription = await transcribeDrumsFromFile(path, {});
const writeStarted = performance.now();
await writeDrumTranscriptionFiles(transcription, directory, "bench", { overwrite: true, sourceName: "bench" });
const finished = performance.now();
const peak = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
console.log(
  JSON.stringify({
    seconds: (finished - started) / 1000,
    stageSeconds: { ...transcription.stageSeconds, writing: (finished - writeStarted) / 1000 },
    audioSeconds: transcription.report.audio.durationSeconds,
    hits: transcription.hits.length,
    pages: transcription.engraving.svgPages.length,
    peakRssBytes: peak ? Number(peak[1]) * 1024 : process.resourceUsage().maxRSS * 1024,
  }),
);
