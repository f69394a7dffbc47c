/**
 * The analysis report: a typed, validated, JSON-serialisable description of one track.
 * Every field is documented in its schema (`.describe`), which the HTTP API's OpenAPI
 * document and `docs/report.md` are generated from. Times are seconds, levels dBFS.
 */
import { z } from "zod";
import type { AnalysisDefinition } from "./analysis-definition.js";
import { ANALYSES } from "./registry.js";

export const REPORT_SCHEMA_VERSION = 1;

export const TagsSchema = z
  .object({
    title: z.string().optional().describe("track title"),
    artist: z.string().optional().describe("track artist"),
    album: z.string().optional().describe("album title"),
    albumArtist: z.string().optional().describe('album artist (compilations: usually "Various Artists")'),
    genre: z.array(z.string()).optional().describe("genres as tagged, one entry per value"),
    year: z.number().int().optional().describe("release year"),
    date: z.string().optional().describe('the full date as tagged ("2001-05-14", "2001")'),
    track: z.number().int().optional().describe("track number on its disc"),
    trackTotal: z.number().int().optional().describe("tracks on the disc"),
    disc: z.number().int().optional().describe("disc number"),
    discTotal: z.number().int().optional().describe("discs in the release"),
    composer: z.array(z.string()).optional().describe("composers"),
    comment: z.array(z.string()).optional().describe("comments"),
    label: z.array(z.string()).optional().describe("record labels"),
    isrc: z.array(z.string()).optional().describe("ISRC codes"),
    bpm: z.number().optional().describe("tempo as tagged, beats per minute (not measured)"),
    key: z.string().optional().describe('musical key as tagged ("Am", "F#"; not measured)'),
    musicBrainzRecordingId: z.string().optional().describe("MusicBrainz recording ID"),
  })
  .describe("tags read from the file (ID3, Vorbis comments, MP4 atoms, APE, ASF, RIFF INFO, Matroska)");

/** Tags as the report carries them; io's tag reader produces exactly this. */
export type Tags = z.infer<typeof TagsSchema>;

export const SourceSchema = z
  .object({
    origin: z.enum(["file", "signal"]).describe('"file" for decoded files, "signal" for samples handed in directly'),
    path: z.string().optional().describe("path of the analysed file as given"),
    name: z.string().optional().describe("file name without folders"),
    sizeBytes: z.number().int().optional().describe("file size in bytes"),
    container: z.string().optional().describe('container format: "wav", "mp3", "flac", "ogg", "mp4", "aiff", …'),
    codec: z.string().optional().describe('audio codec: "pcm_s16le", "mp3", "flac", "vorbis", "opus", "aac", …'),
    lossless: z.boolean().optional().describe("true for PCM and lossless codecs (FLAC, ALAC, WavPack, …)"),
    sampleRate: z.number().optional().describe("sample rate of the file itself, Hz"),
    channels: z.number().int().optional().describe("channel count of the file itself"),
    bitsPerSample: z.number().int().optional().describe("bit depth of PCM and lossless files"),
    bitRate: z.number().optional().describe("average bit rate, bits per second"),
    declaredDurationSeconds: z.number().optional().describe("duration the file declares in its headers"),
    tags: TagsSchema.optional(),
    decoder: z
      .object({
        name: z.string().describe('"wav", "ffmpeg" or "libvorbis-wasm"'),
        source: z.string().optional().describe('for ffmpeg: "system", "bundled" or "env" (TONEARM_FFMPEG)'),
        version: z.string().optional().describe("decoder version"),
      })
      .optional()
      .describe(
        'which decoder produced the samples ("wav" = tonearm\'s own reader, "ffmpeg", "libvorbis-wasm" = the fallback for Ogg Vorbis headers ffmpeg rejects)',
      ),
  })
  .describe("where the samples came from");

export const DecodedAudioSchema = z
  .object({
    durationSeconds: z.number().describe("duration of the decoded samples, seconds"),
    sampleRate: z.number().describe("sample rate the samples were analysed at, Hz"),
    channels: z.number().int().describe("channels analysed"),
    samples: z.number().int().describe("samples per channel"),
  })
  .describe("the decoded signal that was analysed");

export const WarningSchema = z
  .object({
    code: z.string().describe("stable code, e.g. SILENT_AUDIO"),
    message: z.string().describe("what happened, for people"),
  })
  .describe("one warning");

type RegisteredAnalysis = (typeof ANALYSES)[number];

/** Each registered analysis's result, under its name; present when the analysis ran. */
export type AnalysisResults = {
  [A in RegisteredAnalysis as A["name"]]?: A extends AnalysisDefinition<string, infer Result> ? Result : never;
};

const AnalysesSchema = z
  .object(Object.fromEntries(ANALYSES.map((analysis) => [analysis.name, analysis.schema.optional()])))
  .describe("one entry per analysis that ran; see `options.analyses` for what was asked");

export const ReportSchema = z
  .object({
    schemaVersion: z.literal(REPORT_SCHEMA_VERSION).describe("version of this report format"),
    tonearm: z
      .object({
        version: z.string().describe("tonearm package version"),
        analysisVersion: z.number().int().describe("version of the analysis algorithms that produced this report"),
      })
      .describe("what produced the report"),
    source: SourceSchema,
    audio: DecodedAudioSchema,
    analyses: AnalysesSchema,
    warnings: z.array(WarningSchema).describe("things worth knowing that did not stop the analysis"),
    options: z
      .object({
        analyses: z.array(z.string()).describe("analyses that were requested, resolved"),
        sampleRate: z.number().nullable().describe("requested analysis sample rate; null = the file's own"),
      })
      .describe("the resolved options the report was made with"),
    timings: z
      .object({
        decodeSeconds: z
          .number()
          .describe(
            "wall time spent decoding and, streamed with it, in the track ingest (level statistics and the tonal and rhythm STFT frame passes)",
          ),
        analysisSeconds: z.number().describe("wall time spent in the analyses after the ingest"),
        stages: z.record(z.string(), z.number()).describe("wall time per analysis, seconds"),
      })
      .describe("where the time went"),
  })
  .describe("tonearm analysis report");

export type Report = Omit<z.infer<typeof ReportSchema>, "analyses"> & { analyses: AnalysisResults };
export type Source = z.infer<typeof SourceSchema>;
export type ReportWarning = z.infer<typeof WarningSchema>;
