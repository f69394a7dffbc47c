/**
 * Renders one product (analysis-images-request.ts) of an audio file into a folder: runs what
 * `tonearm spectrogram` and `tonearm melograph` run (src/io/images over src/core/spectrogram
 * and src/core/pitch). Spectrogram products stream the decoded audio (spectrogram-from-file.ts,
 * spectrogram-tiles-of-file.ts, idtap-spectrogram.ts), and so do melographs and pitch contours
 * (pitch-from-file.ts: streaming pYIN and drone spectrum; a melograph's background is a
 * second streamed decode once the contour has set its axis), so memory does not grow with
 * the recording's length beyond the pitch track itself. Note transcriptions are those of
 * `tonearm transcribe` (io/transcription-of-file.ts: streamed pYIN and note segmentation for a
 * solo, or the polyphonic transcriber over the whole decoded signal for poly), written as
 * notes.json and notes.mid in one render. Runs on a render worker thread
 * (analysis-images-worker.ts), never on the server's event loop: decoding plus a constant-Q
 * transform or pYIN of a 3-minute track takes seconds.
 * Files per product: see the product types; data.json is the axes (quantize-spectrogram.ts
 * `spectrogramAxes`) plus `data`, the uint8 matrix in base64 (RFC 4648 §4).
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { estimateTonic } from "../core/pitch/tonic.js";
import { quantizeSpectrogram, spectrogramAxes } from "../core/spectrogram/quantize-spectrogram.js";
import type { SpectrogramKind } from "../core/spectrogram/spectrogram-matrix.js";
import { writeIdtapSpectrogramOfFile } from "../io/images/idtap-spectrogram.js";
import { melographJson, writeMelographImage } from "../io/images/melograph-image.js";
import { spectrogramOfFile, writeSpectrogramImageOfFile } from "../io/images/spectrogram-from-file.js";
import { writeSpectrogramTilesOfFile } from "../io/images/spectrogram-tiles-of-file.js";
import { melographBackgroundOfFile, type PitchFileDecoding, pitchOfFile } from "../io/pitch-from-file.js";
import {
  estimateTranscriptionTonic,
  transcribePolyFile,
  transcribeSoloFile,
  transcriptionJson,
  transcriptionMidi,
} from "../io/transcription-of-file.js";
import {
  type NotesProduct,
  PITCH_RANGE_DEFAULTS,
  type PitchOptions,
  RENDER_SAMPLE_RATE,
  type RenderProduct,
} from "./analysis-images-request.js";

/** Decoder settings from the config (as the job workers get them). */
export interface RenderDecoding {
  readonly decoder: "auto" | "system" | "bundled";
  readonly ffmpegPath: string | null;
  readonly maxDurationSeconds: number;
}

export interface RenderTask {
  readonly audioPath: string;
  readonly decoding: RenderDecoding;
  readonly product: RenderProduct;
  /** An existing empty folder the product's files are written to. */
  readonly outDir: string;
}

/** The pYIN hop at 22.05 kHz (≈ 11.6 ms), as `tonearm melograph`. */
const PITCH_HOP = 256;

function spectrogramRate(type: SpectrogramKind): number | undefined {
  // Linear images show the whole band; constant-Q, log and mel need nothing above 11 kHz.
  return type === "linear" ? undefined : RENDER_SAMPLE_RATE;
}

function rateOf(product: RenderProduct): number | undefined {
  return "type" in product ? spectrogramRate(product.type) : RENDER_SAMPLE_RATE;
}

function frequencies(product: { readonly minHz: number | null; readonly maxHz: number | null }) {
  return {
    ...(product.minHz === null ? {} : { minHz: product.minHz }),
    ...(product.maxHz === null ? {} : { maxHz: product.maxHz }),
  };
}

/** The streamed pitch track of the file, its length and, when asked, the estimated tonic. */
async function pitchTrack(audioPath: string, decoding: PitchFileDecoding, options: PitchOptions) {
  const scan = await pitchOfFile(audioPath, decoding, {
    pyin: {
      fmin: options.fmin ?? PITCH_RANGE_DEFAULTS.fmin,
      fmax: options.fmax ?? PITCH_RANGE_DEFAULTS.fmax,
      hopSize: PITCH_HOP,
    },
    dronePeaks: options.estimateTonic,
  });
  let tonicHz = options.tonicHz;
  if (options.estimateTonic) tonicHz = estimateTonic(scan.track, { spectrumPeaks: scan.dronePeaks ?? [] })?.hz ?? null;
  return { track: scan.track, tonicHz, durationSeconds: scan.durationSeconds };
}

/** notes.json and notes.mid of `tonearm transcribe` with the product's options. */
async function writeNotes(audioPath: string, decoding: RenderDecoding, product: NotesProduct, outDir: string) {
  const transcription =
    product.source === "solo"
      ? await transcribeSoloFile(audioPath, decoding, {
          fmin: product.fmin ?? PITCH_RANGE_DEFAULTS.fmin,
          fmax: product.fmax ?? PITCH_RANGE_DEFAULTS.fmax,
          dronePeaks: product.estimateTonic,
        })
      : await transcribePolyFile(audioPath, decoding);
  const tonicHz = product.estimateTonic ? (estimateTranscriptionTonic(transcription)?.hz ?? null) : product.tonicHz;
  await writeFile(join(outDir, "notes.json"), `${JSON.stringify(transcriptionJson(transcription, tonicHz))}\n`);
  const midi = transcriptionMidi(transcription, { pitchBend: product.pitchBend, program: product.program });
  await writeFile(join(outDir, "notes.mid"), midi);
}

export async function renderProduct(task: RenderTask): Promise<void> {
  const { product, outDir } = task;
  const rate = rateOf(product);
  const decoding = { ...task.decoding, ...(rate === undefined ? {} : { sampleRate: rate }) };

  switch (product.kind) {
    case "spectrogram": {
      await writeSpectrogramImageOfFile(task.audioPath, decoding, join(outDir, `image.${product.format}`), {
        kind: product.type,
        colormap: product.colormap,
        width: product.width,
        height: product.height,
        axes: product.axes,
        format: product.format,
        rangeDb: product.rangeDb,
        ...frequencies(product),
      });
      return;
    }
    case "spectrogram-data": {
      // About `frames` columns, each pooling the frames of its span (max): see spectrogram-stream.ts.
      const matrix = await spectrogramOfFile(task.audioPath, decoding, product.type, {
        columns: product.frames,
        rangeDb: product.rangeDb,
        ...frequencies(product),
      });
      const bytes = quantizeSpectrogram(matrix);
      const axes = spectrogramAxes(matrix);
      await writeFile(join(outDir, "data.u8"), bytes);
      await writeFile(join(outDir, "axes.json"), `${JSON.stringify(axes)}\n`);
      const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
      await writeFile(join(outDir, "data.json"), `${JSON.stringify({ ...axes, encoding: "base64", data })}\n`);
      return;
    }
    case "spectrogram-tiles": {
      await writeSpectrogramTilesOfFile(task.audioPath, decoding, outDir, {
        kind: product.type,
        rangeDb: product.rangeDb,
        ...frequencies(product),
        colormap: product.colormap,
        format: "webp",
      });
      return;
    }
    case "idtap":
      await writeIdtapSpectrogramOfFile(task.audioPath, decoding, outDir);
      return;
    case "notes":
      await writeNotes(task.audioPath, task.decoding, product, outDir);
      return;
    default:
      break;
  }

  const pitchDecoding = { ...task.decoding, sampleRate: RENDER_SAMPLE_RATE };
  switch (product.kind) {
    case "melograph": {
      const { track, tonicHz, durationSeconds } = await pitchTrack(task.audioPath, pitchDecoding, product);
      const range = {
        ...(product.fmin === null ? {} : { minHz: product.fmin }),
        ...(product.fmax === null ? {} : { maxHz: product.fmax }),
      };
      const { width, height } = product;
      const background = product.spectrogram
        ? await melographBackgroundOfFile(task.audioPath, pitchDecoding, track, {
            width,
            height,
            durationSeconds,
            ...range,
          })
        : null;
      await writeMelographImage(track, join(outDir, `image.${product.format}`), {
        width,
        height,
        durationSeconds,
        tonicHz,
        background,
        axes: product.axes,
        ...range,
      });
      return;
    }
    case "pitch": {
      const { track, tonicHz } = await pitchTrack(task.audioPath, pitchDecoding, product);
      await writeFile(join(outDir, "pitch.json"), `${JSON.stringify(melographJson(track, tonicHz))}\n`);
      return;
    }
  }
}
