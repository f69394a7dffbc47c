/**
 * `npm run bench`: speed and memory of tonearm, printed as tables and written to
 * docs/bench.md with the date, machine and commit.
 *
 * - decode: real-time factor (seconds of audio per second of wall time) and peak RSS
 *   for generated 3-, 5-, 10- and 60-minute stereo files in several formats, through
 *   tonearm's WAV reader and each available ffmpeg (system, bundled); every run in its
 *   own child process so its peak RSS is its own.
 * - analysis: real-time factor of the track ingest (the streaming frame passes) and of each
 *   analysis after it, on the generated 3- and 10-minute signals.
 * - pipeline: decode + every default analysis in one process on 3-, 10- and 60-minute MP3s
 *   (wall time and peak RSS).
 * - corpus: decode + analyse each corpus song of dev-long (when rendered).
 * - fft: ns per real FFT for tonearm's own FFT and the npm alternatives.
 * - images and pitch: a 4000-px constant-Q spectrogram WebP of the 3-minute MP3 (decode
 *   included), pYIN over the 3-minute track, a melograph (pitch, tonic, background) of it, and
 *   the peak RSS of the 60-minute MP3's spectrogram and melograph, streamed and (for
 *   comparison) with the whole signal decoded first.
 *
 * Options: --quick (3-minute files only, no 60-minute memory run), --no-write,
 * --only images (just that section, spliced into the existing docs/bench.md).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { loadRealFftFactory } from "../src/accel/select-real-fft.js";
import { loadAccelerators } from "../src/accel/wasm-kernels.js";
import { AnalysisContext } from "../src/analysis/analysis-context.js";
import type { AnalysisDefinition } from "../src/analysis/analysis-definition.js";
import { ANALYSES } from "../src/analysis/registry.js";
import { FEATURE_DIMENSION_COUNT, ReferenceCatalogue } from "../src/core/similarity/index.js";
import { decodeAudio } from "../src/io/decode-audio.js";
import { locateFfmpeg } from "../src/io/locate-ffmpeg.js";
import { writeWav } from "../src/io/wav-writer.js";
import { compareFfts } from "./fft-compare.js";
import { libraryScanTable } from "./library-scan.js";
import { describeMachine, machineMarkdown, markdownTable } from "./machine.js";
import { musicLikeSignal } from "./music-like-signal.js";

const args = new Set(process.argv.slice(2));
const quick = args.has("--quick");
/** `--only images` / `--only=images`: run that one section. */
const only = process.argv.includes("--only")
  ? process.argv[process.argv.indexOf("--only") + 1]
  : process.argv.find((arg) => arg.startsWith("--only="))?.slice("--only=".length);
const cacheDir = join(tmpdir(), "tonearm-bench");
const repoRoot = new URL("..", import.meta.url).pathname;
mkdirSync(cacheDir, { recursive: true });

interface Measurement {
  seconds: number;
  audioSeconds: number;
  pcmBytes: number;
  peakRssBytes: number;
  baselineRssBytes: number;
  decoder: string;
}

const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const factor = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));

/** Cached fixtures: each made once (concurrent askers share the promise), written atomically. */
const fixtures = new Map<string, Promise<string>>();

function cached(name: string, make: (temporaryPath: string) => Promise<void>): Promise<string> {
  let promise = fixtures.get(name);
  if (!promise) {
    const path = join(cacheDir, name);
    promise = existsSync(path)
      ? Promise.resolve(path)
      : (async () => {
          const temporary = join(cacheDir, `.partial-${process.pid}-${name}`);
          await make(temporary);
          renameSync(temporary, path);
          return path;
        })();
    fixtures.set(name, promise);
  }
  return promise;
}

function ensureWav(minutes: number): Promise<string> {
  return cached(`generated-${minutes}min.wav`, async (path) => {
    await writeWav(path, musicLikeSignal(minutes * 60), { format: "pcm16" });
  });
}

function ensureEncoded(minutes: number, extension: string, codecArgs: readonly string[]): Promise<string> {
  return cached(`generated-${minutes}min.${extension}`, async (path) => {
    // Long files loop the 10-minute signal rather than synthesising an hour of it.
    const source = await ensureWav(Math.min(minutes, 10));
    const ffmpeg = (await locateFfmpeg()).path;
    const loop = minutes > 10 ? ["-stream_loop", `${Math.ceil(minutes / 10) - 1}`] : [];
    const format = ["-f", extension === "ogg" ? "ogg" : extension];
    execFileSync(ffmpeg, [
      "-v",
      "error",
      "-y",
      ...loop,
      "-i",
      source,
      "-t",
      `${minutes * 60}`,
      ...codecArgs,
      ...format,
      path,
    ]);
  });
}

/** Runs the probe in a fresh process; `oneCore` pins it and its ffmpeg child to CPU 0 (taskset). */
function measure(mode: "decode" | "analyze", path: string, decoder: string, oneCore = false): Measurement {
  const node = [process.execPath, "--import", "tsx", join(repoRoot, "bench/measure.ts"), mode, path, decoder];
  const [command, ...args] = oneCore ? ["taskset", "-c", "0", ...node] : node;
  const output = execFileSync(command!, args, { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split("\n").pop()!) as Measurement;
}

/** Best of `runs` wall times (the first run also warms the page cache); RSS of the last. */
function measureBest(
  mode: "decode" | "analyze",
  path: string,
  decoder: string,
  runs = 2,
  oneCore = false,
): Measurement {
  let best: Measurement | undefined;
  for (let run = 0; run < runs; run++) {
    const current = measure(mode, path, decoder, oneCore);
    if (!best || current.seconds < best.seconds)
      best = { ...current, peakRssBytes: Math.max(current.peakRssBytes, best?.peakRssBytes ?? 0) };
  }
  return best!;
}

function hasTaskset(): boolean {
  try {
    execFileSync("taskset", ["-c", "0", "true"]);
    return true;
  } catch {
    return false;
  }
}

async function availableDecoders(): Promise<string[]> {
  const decoders: string[] = [];
  for (const decoder of ["system", "bundled"] as const) {
    try {
      await locateFfmpeg({ preference: decoder });
      decoders.push(decoder);
    } catch {
      // Not on this machine.
    }
  }
  return decoders;
}

async function decodeTable(): Promise<string> {
  const ffmpegDecoders = await availableDecoders();
  const cases: [string, Promise<string>][] = [
    ["3 min WAV 16-bit", ensureWav(3)],
    ["3 min MP3 192k", ensureEncoded(3, "mp3", ["-b:a", "192k"])],
    ["3 min FLAC", ensureEncoded(3, "flac", [])],
    ["3 min Ogg Vorbis", ensureEncoded(3, "ogg", ["-c:a", "libvorbis", "-q:a", "5"])],
    ["5 min MP3 192k", ensureEncoded(5, "mp3", ["-b:a", "192k"])],
  ];
  if (!quick) {
    cases.push(["10 min WAV 16-bit", ensureWav(10)], ["10 min MP3 192k", ensureEncoded(10, "mp3", ["-b:a", "192k"])]);
    cases.push(["60 min MP3 192k", ensureEncoded(60, "mp3", ["-b:a", "192k"])]);
  }
  const rows: string[][] = [];
  for (const [label, pathPromise] of cases) {
    const path = await pathPromise;
    const decoders = path.endsWith(".wav") ? ["auto", ...ffmpegDecoders.map((d) => `${d}`)] : ffmpegDecoders;
    for (const decoder of decoders) {
      if (path.endsWith(".wav") && decoder !== "auto") continue; // WAV always takes the TS reader.
      const result = measureBest("decode", path, decoder, label.startsWith("60") ? 1 : 2);
      rows.push([
        label,
        result.decoder,
        factor(result.audioSeconds / result.seconds),
        mib(result.pcmBytes),
        mib(result.peakRssBytes),
        (result.peakRssBytes / result.pcmBytes).toFixed(2),
        ((result.peakRssBytes - result.baselineRssBytes) / result.pcmBytes).toFixed(2),
      ]);
      console.error(
        `decode  ${label.padEnd(18)} ${result.decoder.padEnd(16)} ${factor(result.audioSeconds / result.seconds)}×`,
      );
    }
  }
  return markdownTable(
    ["file", "decoder", "× real time", "float PCM MiB", "peak RSS MiB", "peak RSS / PCM", "(peak − start RSS) / PCM"],
    rows,
  );
}

async function analysisTable(): Promise<string> {
  const rows: string[][] = [];
  for (const minutes of quick ? [3] : [3, 10]) {
    const decoded = await decodeAudio(await ensureWav(minutes));
    const audioSeconds = decoded.audio.channels[0]!.length / decoded.audio.sampleRate;
    const fftFactory = await loadRealFftFactory();
    const stage = (name: string, run: () => unknown) => {
      const started = performance.now();
      run();
      const seconds = (performance.now() - started) / 1000;
      rows.push([`${minutes} min`, name, factor(audioSeconds / seconds), (seconds * 1000).toFixed(1)]);
    };
    let context: AnalysisContext | undefined;
    stage("ingest: levels, mono mix at 22.05 kHz, tonal and rhythm frame passes", () => {
      context = AnalysisContext.fromSignal(
        decoded.audio,
        { origin: "file" },
        { fftFactory, passes: ["tonal", "rhythm"], accelerators: loadAccelerators() },
      );
    });
    if (context === undefined) throw new Error("bench: the ingest made no context");
    const ready = context;
    // Analyses of the default set; loudness and mastering have their own table.
    for (const analysis of ANALYSES) {
      if ((analysis as AnalysisDefinition).passes.every((pass) => pass === "tonal" || pass === "rhythm")) {
        stage(`analysis: ${analysis.name}`, () => analysis.run(ready, {}));
      }
    }
    context.dispose();
  }
  return markdownTable(["signal", "stage (incremental, registry order)", "× real time", "ms"], rows);
}

/**
 * The whole job as a user runs it: one process, decode + every default analysis, on MP3s.
 * "2 cores": the Node process and its ffmpeg child may run side by side; "1 core": both
 * pinned to one CPU with taskset, so the decode's own CPU time counts in the wall time.
 */
async function pipelineTable(): Promise<string> {
  const rows: string[][] = [];
  const cases: [string, Promise<string>][] = [["3 min MP3 192k", ensureEncoded(3, "mp3", ["-b:a", "192k"])]];
  if (!quick) {
    cases.push(["10 min MP3 192k", ensureEncoded(10, "mp3", ["-b:a", "192k"])]);
    cases.push(["60 min MP3 192k", ensureEncoded(60, "mp3", ["-b:a", "192k"])]);
  }
  const cpuChoices = hasTaskset() ? [false, true] : [false];
  for (const [label, pathPromise] of cases) {
    for (const oneCore of cpuChoices) {
      const runs = label.startsWith("60") ? 1 : 3;
      const result = measureBest("analyze", await pathPromise, "auto", runs, oneCore);
      rows.push([
        label,
        oneCore ? "1 (taskset)" : "2",
        result.decoder,
        result.seconds.toFixed(2),
        factor(result.audioSeconds / result.seconds),
        mib(result.peakRssBytes),
      ]);
      console.error(
        `pipeline ${label} ${oneCore ? "1 core" : "2 cores"} ${factor(result.audioSeconds / result.seconds)}×`,
      );
    }
  }
  return markdownTable(["file", "cores", "decoder", "wall s", "× real time", "peak RSS MiB"], rows);
}

/**
 * Loudness + mastering of a 3-minute stereo 44.1 kHz track (the measure): the ingest
 * passes and the mastering analysis on samples in memory, pinned to one CPU when taskset exists.
 */
async function masteringTable(): Promise<string> {
  const path = await ensureWav(3);
  const node = [process.execPath, "--import", "tsx", join(repoRoot, "bench/measure-mastering.ts"), path, "10"];
  const [command, ...args] = hasTaskset() ? ["taskset", "-c", "0", ...node] : node;
  const output = execFileSync(command!, args, { encoding: "utf8", maxBuffer: 1 << 20 });
  const result = JSON.parse(output.trim().split("\n").pop()!) as Record<string, number>;
  const audioSeconds = result.audioSeconds!;
  const row = (stage: string, seconds: number) => [stage, (seconds * 1000).toFixed(0), factor(audioSeconds / seconds)];
  console.error(`mastering 3 min: ${factor(audioSeconds / result.bothSeconds!)}×`);
  return markdownTable(
    ["3 min stereo 44.1 kHz, one core", "ms", "× real time"],
    [
      row("loudness pass (K-weighting, gating, true peak) + levels", result.loudnessSeconds!),
      row("mastering pass (spectra, crossovers, DR, stereo, transients) + levels", result.masteringSeconds!),
      row("loudness + mastering passes and the mastering analysis", result.bothSeconds!),
    ],
  );
}

/** Exact top-k cosine search over 100,000 random references (in-process). */
function similarityTable(): string {
  const catalogue = new ReferenceCatalogue();
  let seed = 1;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  const genres = ["techno", "pop", "jazz", "rock", "classical"];
  const vector = new Float32Array(FEATURE_DIMENSION_COUNT);
  const source = { kind: "import" as const, fileName: null, durationSeconds: null, addedAt: null };
  for (let i = 0; i < 100_000; i++) {
    for (let d = 0; d < vector.length; d++) vector[d] = random();
    catalogue.add({ id: `r${i}`, name: `r${i}`, artist: null, genre: genres[i % 5]!, year: null, source, vector });
  }
  const query = new Float32Array(FEATURE_DIMENSION_COUNT).map(random);
  const time = (genre: string | null) => {
    let fastest = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 20; run++) {
      const started = performance.now();
      catalogue.topK(query, 10, { genre });
      fastest = Math.min(fastest, performance.now() - started);
    }
    return fastest;
  };
  const all = time(null);
  const oneGenre = time("jazz");
  return markdownTable(
    ["search (k = 10)", "references scanned", "ms (best of 20)", "comparisons per second"],
    [
      ["no filter", "100,000", all.toFixed(1), `${(100_000 / (all / 1000) / 1e6).toFixed(1)} M`],
      ["genre filter (1 in 5)", "20,000", oneGenre.toFixed(1), `${(20_000 / (oneGenre / 1000) / 1e6).toFixed(1)} M`],
    ],
  );
}

function corpusTable(): string | undefined {
  const corpus = process.env.TONEARM_CORPUS ?? join(homedir(), "tonearm-corpus");
  const folder = join(corpus, "dev-long", "audio");
  if (!existsSync(folder)) return undefined;
  const rows = readdirSync(folder)
    .filter((name) => name.endsWith(".wav"))
    .sort()
    .map((name) => {
      const result = measureBest("analyze", join(folder, name), "auto", 1);
      return [
        name,
        (result.audioSeconds / 60).toFixed(1),
        factor(result.audioSeconds / result.seconds),
        mib(result.peakRssBytes),
      ];
    });
  return markdownTable(["song (dev-long)", "minutes", "× real time (decode + analyze)", "peak RSS MiB"], rows);
}

async function fftTable(): Promise<string> {
  const rows = await compareFfts();
  const header = Object.keys(rows[0] ?? {});
  return markdownTable(
    header,
    rows.map((row) => header.map((key) => String((row as Record<string, unknown>)[key]))),
  );
}

interface DrumMeasurement {
  readonly seconds: number;
  readonly stageSeconds: Readonly<Record<string, number>>;
  readonly audioSeconds: number;
  readonly hits: number;
  readonly pages: number;
  readonly peakRssBytes: number;
}

/**
 * `tonearm drums` end to end (decode, separation, transcription, MIDI, MusicXML, PDF, the five
 * files written) in a fresh process of the compiled library (built first: under tsx Verovio's
 * module takes seconds to import), pinned to one CPU when taskset exists; best of two.
 */
async function drumsTable(): Promise<string> {
  execFileSync("npm", ["run", "--silent", "build"], { cwd: repoRoot, stdio: "ignore" });
  const output = join(tmpdir(), "tonearm-bench", "drums-output");
  mkdirSync(output, { recursive: true });
  const cases: [string, Promise<string>][] = [["3 min MP3 192k", ensureEncoded(3, "mp3", ["-b:a", "192k"])]];
  if (!quick) cases.push(["10 min MP3 192k", ensureEncoded(10, "mp3", ["-b:a", "192k"])]);
  const rows: string[][] = [];
  for (const [label, pathPromise] of cases) {
    const node = [process.execPath, join(repoRoot, "bench/measure-drums.mjs"), await pathPromise, output];
    const [command, ...args] = hasTaskset() ? ["taskset", "-c", "0", ...node] : node;
    let best: DrumMeasurement | undefined;
    for (let run = 0; run < (label.startsWith("3") ? 2 : 1); run++) {
      const text = execFileSync(command!, args, { encoding: "utf8", maxBuffer: 1 << 20 });
      const current = JSON.parse(text.trim().split("\n").pop()!) as DrumMeasurement;
      if (!best || current.seconds < best.seconds) best = current;
    }
    const stage = (name: string) => (best!.stageSeconds[name] ?? 0).toFixed(2);
    rows.push([
      label,
      hasTaskset() ? "1 (taskset)" : "2",
      stage("decoding"),
      stage("separating"),
      stage("transcribing"),
      stage("engraving"),
      stage("writing"),
      best!.seconds.toFixed(2),
      String(best!.hits),
      String(best!.pages),
      mib(best!.peakRssBytes),
    ]);
    console.error(`drums ${label}: ${best!.seconds.toFixed(1)} s`);
  }
  return markdownTable(
    [
      "file",
      "cores",
      "decode s",
      "separate s",
      "transcribe s",
      "engrave s",
      "write files s",
      "total s",
      "hits",
      "PDF pages",
      "peak RSS MiB",
    ],
    rows,
  );
}

interface ImageMeasurement {
  seconds: number;
  /** CPU seconds of the probe and its ffmpeg child (pYIN: its own thread's), null off Linux. */
  cpuSeconds: number | null;
  audioSeconds: number;
  peakRssBytes: number;
  baselineRssBytes: number;
}

/** One bench/measure-images.ts probe in a fresh process, pinned to CPU 0 when taskset exists. */
function measureImages(probeArgs: readonly string[]): ImageMeasurement {
  const node = [process.execPath, "--import", "tsx", join(repoRoot, "bench/measure-images.ts"), ...probeArgs];
  const [command, ...rest] = hasTaskset() ? ["taskset", "-c", "0", ...node] : node;
  const output = execFileSync(command!, rest, { encoding: "utf8", maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split("\n").pop()!) as ImageMeasurement;
}

/** The fastest of `runs` (wall time), with the least CPU time of them all: each the best of its kind. */
function bestOf(runs: number, probeArgs: readonly string[]): ImageMeasurement {
  let best: ImageMeasurement | undefined;
  let leastCpu: number | null = null;
  for (let run = 0; run < runs; run++) {
    const current = measureImages(probeArgs);
    if (!best || current.seconds < best.seconds) best = current;
    if (current.cpuSeconds !== null && (leastCpu === null || current.cpuSeconds < leastCpu)) {
      leastCpu = current.cpuSeconds;
    }
  }
  return { ...best!, cpuSeconds: leastCpu };
}

/**
 * Issue 8's targets: a 4000-px constant-Q WebP of a 3-minute track (decode included) in
 * ≤ 1.5 s, pYIN over a 3-minute mono track at ≥ 50× real time, both on one core; and memory
 * bounded for an hour (the streamed spectrogram and melograph against the old whole-signal
 * paths). Best of 3.
 */
async function imagesTable(): Promise<string> {
  const mp3 = await ensureEncoded(3, "mp3", ["-b:a", "192k"]);
  const out = join(cacheDir, "cqt-4000.webp");
  const cores = hasTaskset() ? "1 (taskset)" : "2";
  const rows: string[][] = [];
  const row = (label: string, m: ImageMeasurement, note: string) => {
    const cpu = m.cpuSeconds === null ? "–" : m.cpuSeconds.toFixed(2);
    rows.push([label, cores, m.seconds.toFixed(2), cpu, factor(m.audioSeconds / m.seconds), mib(m.peakRssBytes), note]);
    console.error(`images ${label}: ${m.seconds.toFixed(2)} s, ${mib(m.peakRssBytes)} MiB`);
  };
  row("3 min MP3 → CQT WebP 4000×600, streamed", bestOf(3, ["cqt-image", mp3, "4000", out]), "target ≤ 1.5 s");
  row(
    "3 min MP3 → CQT WebP 4000×600, whole signal first",
    bestOf(3, ["cqt-image", mp3, "4000", out, "--in-memory"]),
    "the path before streaming",
  );
  row("pYIN, 3 min mono at 22.05 kHz (decode excluded)", bestOf(3, ["pyin", mp3]), "target ≥ 50× real time");
  const melograph = join(cacheDir, "melograph-1200.png");
  row(
    "3 min MP3 → melograph PNG 1200×400 (CQT background, tonic), streamed",
    bestOf(3, ["melograph", mp3, "1200", melograph]),
    "two decodes: pitch, then background",
  );
  if (!quick) {
    const hour = await ensureEncoded(60, "mp3", ["-b:a", "192k"]);
    row("60 min MP3 → CQT WebP 4000×600, streamed", measureImages(["cqt-image", hour, "4000", out]), "one run");
    row(
      "60 min MP3 → CQT WebP 4000×600, whole signal first",
      measureImages(["cqt-image", hour, "4000", out, "--in-memory"]),
      "one run; the path before streaming",
    );
    row(
      "60 min MP3 → melograph PNG 1200×400 (CQT background, tonic), streamed",
      measureImages(["melograph", hour, "1200", melograph]),
      "one run",
    );
    row(
      "60 min MP3 → melograph PNG 1200×400 (CQT background, tonic), whole signal first",
      measureImages(["melograph", hour, "1200", melograph, "--in-memory"]),
      "one run; decodeMono, then pyin (its checkpointed HMM) over the signal",
    );
  }
  return markdownTable(["case", "cores", "wall s", "CPU s", "× real time (wall)", "peak RSS MiB", "note"], rows);
}

/** Replaces (or appends) the "Images and pitch" section of docs/bench.md, leaving the rest as it is. */
function spliceImagesSection(table: string): void {
  const path = join(repoRoot, "docs/bench.md");
  const text = existsSync(path) ? readFileSync(path, "utf8") : "# tonearm benchmarks\n";
  const machine = describeMachine();
  const level = text.includes("## Measured later on other hardware") ? "###" : "##";
  const section = [
    `${level} Images and pitch`,
    "",
    `Measured ${new Date().toISOString().slice(0, 10)} with \`npm run bench -- --only images\` (${machine.cpu}, ${machine.cores} cores, Node ${process.version}); best of 3 wall times and, separately, best of 3 CPU times, except the 60-minute rows. Two cores shared with other work: wall times are noisy, so CPU s (the probe's and its ffmpeg child's user + system time, pYIN's own thread for its row) is the steadier figure of what one idle core would take. Peak RSS is the child process's VmHWM (≈ 100 MiB of it is Node, tsx and the modules before any work).`,
    "",
    table,
    "",
  ].join("\n");
  const heading = /^#{2,3} Images and pitch$/m.exec(text);
  let next: string;
  if (heading) {
    const rest = text.slice(heading.index + heading[0].length);
    const end = /^#{2,3} /m.exec(rest);
    next = text.slice(0, heading.index) + section + (end ? `\n${rest.slice(end.index)}` : "");
  } else {
    next = `${text.trimEnd()}\n\n${section}`;
  }
  writeFileSync(path, next);
  console.error("Images and pitch written to docs/bench.md");
}

if (only === "images") {
  const table = await imagesTable();
  console.log(table);
  if (!args.has("--no-write")) spliceImagesSection(table);
  process.exit(0);
}

const machine = describeMachine();
const sections: [string, string | undefined][] = [
  ["Decoding", await decodeTable()],
  ["Whole pipeline (decode + every default analysis, one process)", await pipelineTable()],
  ["Analysis stages", await analysisTable()],
  ["Loudness and mastering", await masteringTable()],
  ["Drum transcription (`tonearm drums`: separation, transcription, MIDI, MusicXML, PDF, files)", await drumsTable()],
  ["Similarity search", similarityTable()],
  [
    "Music library scan (`tonearm library scan`: 25,000 small tagged files, SQLite, warm page cache)",
    await libraryScanTable(25_000, (await locateFfmpeg({ preference: "bundled" })).path),
  ],
  ["Corpus songs", corpusTable()],
  ["Real FFT", await fftTable()],
  ["Images and pitch", await imagesTable()],
];
const markdown = [
  "# tonearm benchmarks",
  "",
  machineMarkdown(machine),
  "",
  "Re-run with `npm run bench` (`-- --quick` for the short version). × real time = seconds of audio per second of wall time; peak RSS is the whole Node process's (VmHWM), measured in a fresh child process per row. Start RSS is that process's before decoding (Node, the tsx loader and tonearm's modules, ≈ 95 MiB), which dominates the ratio for short files.",
  ...sections.flatMap(([title, table]) => (table ? ["", `## ${title}`, "", table] : [])),
  "",
].join("\n");
console.log(markdown);
if (!args.has("--no-write")) {
  writeFileSync(join(repoRoot, "docs/bench.md"), markdown);
  console.error("written to docs/bench.md");
}
