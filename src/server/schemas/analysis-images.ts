/**
 * Query and response schemas of the image and data routes of an analysis (spectrogram, its
 * data and tiles, IDTAP's files, melograph, pitch contour, notes). Ranges match the service's
 * checks (src/service/analysis-images-request.ts), which also judge combinations (minHz
 * below maxHz, tonic or estimateTonic) and answer 422 for them.
 */
import { z } from "zod";
import { COLORMAP_NAMES, type ColormapName } from "../../core/spectrogram/colormaps.js";
import {
  type ColormapSpec,
  IMAGE_FORMATS,
  MAX_IMAGE_SIDE,
  MAX_PITCH_HZ,
  MAX_SPECTROGRAM_HZ,
  MIN_IMAGE_SIDE,
  MIN_PITCH_HZ,
  NOTES_SOURCES,
  SPECTROGRAM_TYPES,
} from "../../service/analysis-images-request.js";
import { errorResponses } from "./common.js";

const SpectrogramTypeSchema = z
  .enum(SPECTROGRAM_TYPES as ["cqt", "log", "mel", "linear"])
  .optional()
  .describe("cqt (constant-Q, 36 bins per octave; default), log (log-frequency STFT), mel, linear (STFT)");

const ColormapSchema = z
  .string()
  .refine(
    (text) =>
      (COLORMAP_NAMES as readonly string[]).includes(text) ||
      /^#?[0-9a-f]{6}(,#?[0-9a-f]{6}){1,15}$/i.test(text.replaceAll(" ", "")),
    { message: `must be one of ${COLORMAP_NAMES.join(", ")}, or 2 to 16 colours "#rrggbb,#rrggbb,…"` },
  )
  .transform(
    (text): ColormapSpec =>
      (COLORMAP_NAMES as readonly string[]).includes(text)
        ? (text as ColormapName)
        : text.split(",").map((colour) => colour.trim()),
  )
  .optional()
  .describe(`${COLORMAP_NAMES.join(", ")} (default magma), or your own colours "#000000,#ff8800,#ffffff"`);

function pixels(what: string) {
  return z.coerce
    .number()
    .int()
    .min(MIN_IMAGE_SIDE)
    .max(MAX_IMAGE_SIDE)
    .optional()
    .describe(`${what}, ${MIN_IMAGE_SIDE}–${MAX_IMAGE_SIDE}`);
}

function hertz(what: string, min: number, max: number) {
  return z.coerce.number().min(min).max(max).optional().describe(`${what} (Hz), ${min}–${max}`);
}

const BooleanSchema = (what: string) => z.stringbool().optional().describe(`${what}: true or false (default false)`);

const RangeSchema = z.coerce
  .number()
  .min(10)
  .max(200)
  .optional()
  .describe("levels shown below the loudest cell, 10–200 dB (default 80)");

const ImageFormatSchema = z
  .enum(IMAGE_FORMATS)
  .optional()
  .describe("png or webp; default from Accept (image/png or image/webp), else webp");

const frequencyRange = {
  minHz: z.coerce
    .number()
    .positive()
    .max(MAX_SPECTROGRAM_HZ)
    .optional()
    .describe("lowest frequency (Hz); default 32.7 Hz (cqt, log) or 0 (linear, mel)"),
  maxHz: z.coerce
    .number()
    .positive()
    .max(MAX_SPECTROGRAM_HZ)
    .optional()
    .describe("highest frequency (Hz); default 8 kHz (cqt) or Nyquist"),
};

export const SpectrogramImageQuerySchema = z.object({
  type: SpectrogramTypeSchema,
  colormap: ColormapSchema,
  width: pixels("image width in pixels (default 2000)"),
  height: pixels("image height in pixels (default 600)"),
  range: RangeSchema,
  ...frequencyRange,
  axes: BooleanSchema("draw frequency and time axes (the image grows by 64 px left, 24 px below)"),
  format: ImageFormatSchema,
});

export const SpectrogramDataQuerySchema = z.object({
  type: SpectrogramTypeSchema,
  frames: pixels("about how many frames (time columns; default 2000)"),
  range: RangeSchema,
  ...frequencyRange,
  format: z
    .enum(["json", "u8"])
    .optional()
    .describe("json (axes plus base64 data; default) or u8 (the raw bytes); default from Accept"),
});

export const SpectrogramAxesQuerySchema = SpectrogramDataQuerySchema.omit({ format: true });

export const SpectrogramTilesQuerySchema = z.object({
  type: SpectrogramTypeSchema,
  colormap: ColormapSchema,
  range: RangeSchema,
  ...frequencyRange,
});

const pitchQuery = {
  fmin: hertz("lowest pitch tracked (default 60); also the melograph's axis", MIN_PITCH_HZ, MAX_PITCH_HZ),
  fmax: hertz("highest pitch tracked (default 1000); also the melograph's axis", MIN_PITCH_HZ, MAX_PITCH_HZ),
  tonic: z.coerce
    .number()
    .min(20)
    .max(2000)
    .optional()
    .describe("the tonic (Sa) in Hz, 20–2000: cents relative to it, Sa and Pa guide lines"),
  estimateTonic: BooleanSchema("estimate the tonic from the drone and the melody (not with tonic)"),
};

export const MelographQuerySchema = z.object({
  ...pitchQuery,
  spectrogram: BooleanSchema("draw a dimmed constant-Q spectrogram underneath"),
  axes: BooleanSchema("draw frequency (Hz) and time (m:ss) axes"),
  width: pixels("image width in pixels (default 1200)"),
  height: pixels("image height in pixels (default 400)"),
  format: ImageFormatSchema,
});

export const PitchQuerySchema = z.object(pitchQuery);

export const NotesQuerySchema = z.object({
  source: z
    .enum(NOTES_SOURCES)
    .optional()
    .describe(
      "solo (default): one voice or instrument alone, tracked by pYIN, notes and glides; poly: every pitched note of a full mix, overlapping (integer MIDI pitches, no glides)",
    ),
  fmin: hertz("solo: lowest pitch tracked (default 60)", MIN_PITCH_HZ, MAX_PITCH_HZ),
  fmax: hertz("solo: highest pitch tracked (default 1000)", MIN_PITCH_HZ, MAX_PITCH_HZ),
  tonic: z.coerce
    .number()
    .min(20)
    .max(2000)
    .optional()
    .describe("the tonic (Sa) in Hz, 20–2000: each note's cents above it"),
  estimateTonic: BooleanSchema("solo: estimate the tonic from the drone and the melody (not with tonic)"),
  pitchBend: BooleanSchema(
    "MIDI: bend each note by its cents from the nearest key and play glides as pitch-bend curves (±2 semitones); without it glides are left out of the MIDI",
  ),
  program: z.coerce
    .number()
    .int()
    .min(0)
    .max(127)
    .optional()
    .describe("MIDI: General MIDI program 0–127 of the track (0 = piano, 73 = flute); default none"),
  format: z
    .enum(["json", "midi"])
    .optional()
    .describe("json (default) or midi (a Standard MIDI File); default from Accept (application/json or audio/midi)"),
});

export const TileParamsSchema = z.object({
  id: z.uuid().describe("a UUID"),
  zoom: z.coerce.number().int().min(0).max(30).describe("zoom level: a tile spans tileWidth·2^zoom frames"),
  tile: z
    .string()
    .regex(/^\d{1,7}\.webp$/, "must be <index>.webp")
    .describe("<index>.webp, the tile's index along time from 0"),
});

export const IdtapParamsSchema = z.object({
  id: z.uuid().describe("a UUID"),
  file: z
    .enum(["spec_data.gz", "spec_shape.json"])
    .describe("spec_data.gz (application/gzip) or spec_shape.json (application/json)"),
});

export const SpectrogramAxesSchema = z
  .object({
    kind: z.enum(["cqt", "log", "mel", "linear"]),
    shape: z.tuple([z.number().int(), z.number().int()]).describe("[frames, bins]"),
    layout: z.literal("frame-major, bin 0 = lowest frequency"),
    floorDb: z.number().describe("level 0"),
    ceilingDb: z.number().describe("level 255; a byte q is floorDb + q·(ceilingDb − floorDb)/255 dB"),
    hopSeconds: z.number(),
    firstFrameSeconds: z.number().describe("centre time of frame 0; frame t is at firstFrameSeconds + t·hopSeconds"),
    frequencies: z.array(z.number()).describe("bin centre frequencies (Hz)"),
  })
  .describe("the axes of the spectrogram's uint8 matrix");

export const SpectrogramDataSchema = SpectrogramAxesSchema.extend({
  encoding: z.literal("base64"),
  data: z.string().describe("the frames × bins bytes, frame-major, base64 (RFC 4648)"),
}).describe("the spectrogram as one uint8 per cell with its axes");

export const TileIndexSchema = z
  .object({
    tileWidth: z.number().int(),
    tileHeight: z.number().int(),
    format: z.literal("webp"),
    levels: z.array(
      z.object({
        zoom: z.number().int(),
        tiles: z.number().int(),
        framesPerTile: z.number().int(),
        secondsPerTile: z.number(),
      }),
    ),
    axes: SpectrogramAxesSchema,
  })
  .describe(
    "the zoom levels; tile i of level z is tiles/<z>/<i>.webp (same query string), the last tile of a level narrower in proportion",
  );

export const PitchContourSchema = z
  .object({
    times: z.array(z.number()).describe("frame times (s)"),
    f0Hz: z.array(z.number().nullable()).describe("pYIN's f0 (Hz) per frame; null when unvoiced"),
    cents: z.array(z.number().nullable()).describe("cents above the tonic; all null without one"),
    voicedProbability: z.array(z.number()),
    tonicHz: z.number().nullable().describe("the tonic given or estimated; null without one"),
  })
  .describe("the pitch contour (pYIN, Mauch & Dixon 2014)");

const TranscribedNoteSchema = z.object({
  onset: z.number().describe("seconds"),
  offset: z.number().describe("seconds"),
  midi: z.number().describe("fractional MIDI pitch (69 = A4 = 440 Hz); a glide's median"),
  hz: z.number(),
  cents: z.number().nullable().describe("cents above the tonic; null without one"),
  kind: z.enum(["note", "glide"]),
  pitchCurve: z
    .object({ times: z.array(z.number()), midi: z.array(z.number()) })
    .optional()
    .describe("glides: the pitch trajectory (times in s, fractional MIDI)"),
});

export const TranscriptionSchema = z
  .object({
    source: z.enum(["solo", "mix", "poly"]),
    frameSeconds: z.number(),
    sampleRate: z.number().int().optional(),
    hopSize: z.number().int().optional(),
    tonicHz: z.number().nullable().describe("the tonic given or estimated; null without one"),
    notes: z.array(TranscribedNoteSchema).describe("sorted by onset"),
    phrases: z
      .array(z.object({ start: z.number(), end: z.number(), noteCount: z.number().int() }))
      .describe("groups of notes split at rests and breaths of 0.25 s or more"),
    onsets: z.array(z.number()).describe("seconds: where each note or glide starts"),
  })
  .describe("the transcription, as `tonearm transcribe -o OUT.json` writes it");

const BinarySchema = z.string().meta({ format: "binary", description: "the bytes" });

/** A response in one or more content types. */
function content(description: string, types: Record<string, z.ZodType>) {
  return {
    description,
    content: Object.fromEntries(Object.entries(types).map(([type, schema]) => [type, { schema }])),
  };
}

const CACHING = "with ETag (strong) and Cache-Control: private, max-age=86400; If-None-Match with the ETag answers 304";

/** Responses of a render route: 200 in `types`, 304, and the errors. */
export function renderResponses(description: string, types: Record<string, z.ZodType>) {
  return {
    200: content(`${description}; ${CACHING}`, types),
    304: z.null().describe("Not Modified: the If-None-Match tag matches"),
    ...errorResponses(400, 401, 404, 410, 415, 422, 429, 501, 503, 504),
  };
}

export const IMAGE_TYPES = { "image/webp": BinarySchema, "image/png": BinarySchema };
export const BINARY = BinarySchema;
