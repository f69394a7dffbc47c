/**
 * Spectrograms of audio files in memory bounded independently of their length: the file is
 * decoded to mono chunk by chunk (decodeAudioTo) straight into a streaming spectrogram
 * (src/core/spectrogram/spectrogram-stream.ts) that pools frames into the wanted columns as
 * they arrive, so an hour of audio needs no more than three minutes: the columns × bins
 * matrix, one transform block and one decoder chunk. The hop is planned from the length the
 * decoder declares before its first chunk (see `streamHopSize`). ffmpeg mixes to mono before
 * it resamples (`mixInFfmpeg`), so its resampler and the pipe carry one channel, not all.
 */
import { writeFile } from "node:fs/promises";
import type { AudioSink } from "../../core/audio-sink.js";
import type { SpectrogramKind, SpectrogramMatrix } from "../../core/spectrogram/spectrogram-matrix.js";
import {
  createSpectrogramStream,
  type SpectrogramStream,
  type SpectrogramStreamOptions,
} from "../../core/spectrogram/spectrogram-stream.js";
import { type DecoderSettings, decodeAudioTo } from "../decode-audio.js";
import { encodeSpectrogramImage, imageFormatFor, type SpectrogramImageOptions } from "./encode-spectrogram-image.js";
import { renderSpectrogram } from "./render-spectrogram.js";
import { fastFft, fastHalfBand } from "./spectrogram-accelerators.js";

/** Where and how to decode: the config's decoder settings and the rate (default the file's). */
export interface FileDecoding extends DecoderSettings {
  readonly sampleRate?: number;
}

/**
 * Decodes `path` to mono and streams it into the consumer `start(sampleRate, expectedSamples)`
 * returns. `start` is called exactly once: before the first chunk with the decoder's format
 * (expectedSamples: the declared length, or null), or after decoding a file that delivered
 * nothing (with 0).
 */
export async function streamMonoFile(
  path: string,
  decoding: FileDecoding,
  start: (sampleRate: number, expectedSamples: number | null) => { push(samples: Float32Array): void },
): Promise<{ sampleRate: number; samples: number }> {
  let consumer: { push(samples: Float32Array): void } | undefined;
  let sampleRate = 0;
  const sink: AudioSink = {
    start(format) {
      sampleRate = format.sampleRate;
      consumer = start(format.sampleRate, format.expectedFrames);
    },
    write(channels, length) {
      consumer!.push(channels[0]!.subarray(0, length));
    },
    end() {},
  };
  const { frames } = await decodeAudioTo(path, sink, {
    mono: true,
    mixInFfmpeg: true,
    ...(decoding.sampleRate === undefined ? {} : { sampleRate: decoding.sampleRate }),
    decoder: decoding.decoder,
    ...(decoding.ffmpegPath === null ? {} : { ffmpegPath: decoding.ffmpegPath }),
    maxDurationSeconds: decoding.maxDurationSeconds,
  });
  if (consumer === undefined) {
    sampleRate = decoding.sampleRate ?? 44_100;
    start(sampleRate, 0);
  }
  return { sampleRate, samples: frames };
}

export type FileSpectrogramOptions = Partial<Omit<SpectrogramStreamOptions, "expectedSamples">> & {
  readonly columns: number;
};

/** The pooled spectrogram matrix of a file (about `columns` frames; see spectrogram-stream.ts). */
export async function spectrogramOfFile(
  path: string,
  decoding: FileDecoding,
  kind: SpectrogramKind,
  options: FileSpectrogramOptions,
): Promise<SpectrogramMatrix> {
  let stream: SpectrogramStream | undefined;
  const fftFactory = await fastFft();
  await streamMonoFile(path, decoding, (rate, expectedSamples) => {
    stream = createSpectrogramStream(kind, rate, {
      halfBandSums: fastHalfBand(),
      fftFactory,
      ...options,
      expectedSamples,
    });
    return stream;
  });
  return stream!.finish();
}

/**
 * Audio file → spectrogram image file, streaming: frames pooled to `width` columns as they
 * arrive (max pooling unless `pooling` says otherwise), then drawn and encoded as
 * `writeSpectrogramImage` draws a matrix. Returns the matrix it drew.
 */
export async function writeSpectrogramImageOfFile(
  path: string,
  decoding: FileDecoding,
  outPath: string,
  options: Partial<Omit<SpectrogramImageOptions, "pooling">> & {
    readonly width: number;
    readonly pooling?: SpectrogramStreamOptions["pooling"];
  },
): Promise<SpectrogramMatrix> {
  const format = options.format ?? imageFormatFor(outPath);
  const matrix = await spectrogramOfFile(path, decoding, options.kind ?? "cqt", {
    ...options,
    columns: options.width,
  });
  // The columns are (about) the width already; what little the renderer still merges, it averages.
  const pooling = options.pooling === "power" ? "mean" : (options.pooling ?? "max");
  const image = renderSpectrogram(matrix, { ...options, pooling });
  await writeFile(outPath, await encodeSpectrogramImage(image, matrix, { ...options, format }));
  return matrix;
}
