/**
 * analyzeAudio: run the requested analyses over one decoded track through a shared
 * analysis context and assemble the validated report. Decoding is the caller's job
 * (see src/analyze.ts), so this layer stays free of I/O.
 */

import { loadRealFftFactory, type RealFftFactory } from "../accel/select-real-fft.js";
import { loadAccelerators } from "../accel/wasm-kernels.js";
import type { AudioSignal } from "../core/types.js";
import { ANALYSIS_VERSION, TONEARM_VERSION } from "../version.js";
import { ALL_INGEST_PASSES, AnalysisContext } from "./analysis-context.js";
import type { AnalysisDefinition } from "./analysis-definition.js";
import { TonearmError } from "./errors.js";
import {
  createTrackIngest,
  type IngestedTrack,
  type IngestPass,
  ingestSignal,
  type TrackIngest,
} from "./ingest/track-ingest.js";
import { ANALYSIS_NAMES, type AnalysisName, findAnalysis } from "./registry.js";
import { REPORT_SCHEMA_VERSION, type Report, ReportSchema, type ReportWarning } from "./report.js";
import type { SourceDescription } from "./source-description.js";

export interface ProgressEvent {
  /** "decode" or the name of the analysis running. */
  readonly stage: string;
  /** Overall progress for this track, 0..1. */
  readonly fraction: number;
}

export interface AnalyzeAudioOptions {
  /** Analyses to run by name; default every analysis not marked opt-in; "all" for every one. */
  readonly analyses?: readonly string[] | "all";
  readonly onProgress?: (event: ProgressEvent) => void;
  readonly signal?: AbortSignal;
  /** Seconds already spent decoding (and, streamed with it, ingesting), for the report's timings. */
  readonly decodeSeconds?: number;
  /** Sample rate the caller asked the decoder for (null = the file's own). */
  readonly requestedSampleRate?: number | null;
  /** Share of the overall progress already used by decoding (0..1). */
  readonly progressOffset?: number;
  /** FFT maker; default the fastest available (WebAssembly PFFFT, else TypeScript). */
  readonly fftFactory?: RealFftFactory;
}

/**
 * Validate analysis names, in registry order, without duplicates. Undefined means the
 * default set (every analysis not marked opt-in); "all" means every analysis.
 */
export function resolveAnalyses(requested: readonly string[] | "all" | undefined): AnalysisName[] {
  if (requested === "all") return [...ANALYSIS_NAMES];
  if (requested === undefined) return ANALYSIS_NAMES.filter((name) => findAnalysis(name)?.includedByDefault !== false);
  const unknown = requested.filter((name) => !findAnalysis(name));
  if (unknown.length > 0) {
    throw new TonearmError(
      "INVALID_OPTION",
      `unknown analysis ${unknown.map((name) => `"${name}"`).join(", ")}; available: ${ANALYSIS_NAMES.join(", ")}`,
    );
  }
  if (requested.length === 0) throw new TonearmError("INVALID_OPTION", "no analyses requested");
  return ANALYSIS_NAMES.filter((name) => requested.includes(name));
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("analysis aborted");
}

/** The ingest passes the named analyses need (the union of their declared passes). */
export function ingestPassesFor(names: readonly AnalysisName[]): IngestPass[] {
  const needed = new Set(names.flatMap((name) => (findAnalysis(name) as AnalysisDefinition).passes));
  return ALL_INGEST_PASSES.filter((pass) => needed.has(pass));
}

/**
 * A track ingest for the requested analyses: hand it to a decoder (see src/analyze.ts) or
 * feed it samples, then pass it to `analyzeIngested`. Dispose of it if the decode fails.
 */
export async function createIngestFor(
  requested: AnalyzeAudioOptions["analyses"],
  fftFactory?: RealFftFactory,
): Promise<{ names: AnalysisName[]; ingest: TrackIngest }> {
  const names = resolveAnalyses(requested);
  const ingest = createTrackIngest({
    passes: ingestPassesFor(names),
    fftFactory: fftFactory ?? (await loadRealFftFactory()),
    accelerators: loadAccelerators(),
  });
  return { names, ingest };
}

/** Analyse samples already in memory: ingested in decoder-sized chunks, then analysed. */
export async function analyzeAudio(
  audio: AudioSignal,
  source: SourceDescription = { origin: "signal" },
  options: AnalyzeAudioOptions = {},
): Promise<Report> {
  if (audio.channels.length === 0) throw new RangeError("analyzeAudio: audio must have at least one channel");
  if (!(audio.sampleRate > 0)) throw new RangeError(`analyzeAudio: sampleRate must be > 0, got ${audio.sampleRate}`);
  const { names, ingest } = await createIngestFor(options.analyses, options.fftFactory);
  const started = performance.now();
  const track = ingestSignal(audio, ingest);
  return analyzeIngested(track, source, names, {
    ...options,
    decodeSeconds: (options.decodeSeconds ?? 0) + (performance.now() - started) / 1000,
  });
}

/** Run the named analyses over an ingested track and assemble the validated report. */
export async function analyzeIngested(
  track: IngestedTrack,
  source: SourceDescription,
  names: readonly AnalysisName[],
  options: AnalyzeAudioOptions = {},
): Promise<Report> {
  const definitions = names.map((name) => findAnalysis(name) as AnalysisDefinition);
  const fftFactory = options.fftFactory ?? (await loadRealFftFactory());
  const context = new AnalysisContext(track, source, loadAccelerators(), fftFactory);
  try {
    return await runAnalyses(context, definitions, names, options);
  } finally {
    context.dispose();
  }
}

async function runAnalyses(
  context: AnalysisContext,
  definitions: readonly AnalysisDefinition[],
  names: readonly AnalysisName[],
  options: AnalyzeAudioOptions,
): Promise<Report> {
  const { track, source } = context;
  const warnings: ReportWarning[] = [];
  const analyses: Record<string, unknown> = {};
  const stages: Record<string, number> = {};
  const offset = options.progressOffset ?? 0;
  const totalCost = definitions.reduce((sum, definition) => sum + definition.cost, 0);
  let doneCost = 0;
  const started = performance.now();

  for (const definition of definitions) {
    throwIfAborted(options.signal);
    const report = (fraction: number) =>
      options.onProgress?.({
        stage: definition.name,
        fraction: offset + (1 - offset) * ((doneCost + fraction * definition.cost) / totalCost),
      });
    report(0);
    const stageStarted = performance.now();
    analyses[definition.name] = await definition.run(context, { signal: options.signal, onProgress: report });
    stages[definition.name] = (performance.now() - stageStarted) / 1000;
    report(1);
    doneCost += definition.cost;
  }

  const levels = analyses.signal as { silent?: boolean } | undefined;
  if (levels?.silent) {
    warnings.push({ code: "SILENT_AUDIO", message: "the signal is silent (peak below −90 dBFS)" });
  }

  const report = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    tonearm: { version: TONEARM_VERSION, analysisVersion: ANALYSIS_VERSION },
    source: describeSource(source),
    audio: {
      durationSeconds: context.durationSeconds,
      sampleRate: track.sampleRate,
      channels: track.channelCount,
      samples: track.length,
    },
    analyses,
    warnings,
    options: { analyses: [...names], sampleRate: options.requestedSampleRate ?? null },
    timings: {
      decodeSeconds: options.decodeSeconds ?? 0,
      analysisSeconds: (performance.now() - started) / 1000,
      stages,
    },
  };
  // One validation per report: zod's compiled fast path costs ~20 ms to generate and pays
  // back only over many parses, so the interpreted path is the cheaper one here.
  return ReportSchema.parse(report, { jitless: true }) as Report;
}

function describeSource(source: SourceDescription): Report["source"] {
  const name = source.path?.split(/[\\/]/).pop();
  return name === undefined ? { ...source } : { ...source, name };
}
