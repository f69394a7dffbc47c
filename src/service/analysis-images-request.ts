/**
 * What can be rendered from an analysis's audio, as plain data: a render *product* (one
 * computation: a spectrogram image, the spectrogram's uint8 data, its zoom tiles, IDTAP's
 * data files, a melograph, a pitch contour, a note transcription) and the *file* of that
 * product to serve.
 * `normaliseProduct` fills in the defaults (those of `tonearm spectrogram` / `tonearm
 * melograph`) and checks the ranges, so that two requests meaning the same image become the
 * same object, hence the same cache entry and ETag (analysis-images.ts hashes it).
 */
import { TonearmError } from "../analysis/errors.js";
import { COLORMAP_NAMES, type ColormapName } from "../core/spectrogram/colormaps.js";
import type { SpectrogramKind } from "../core/spectrogram/spectrogram-matrix.js";

export const SPECTROGRAM_TYPES: readonly SpectrogramKind[] = ["cqt", "log", "mel", "linear"];
export const IMAGE_FORMATS = ["png", "webp"] as const;
export type RenderImageFormat = (typeof IMAGE_FORMATS)[number];

/** Sizes in pixels (or frames for the data) accepted everywhere. */
export const MIN_IMAGE_SIDE = 8;
export const MAX_IMAGE_SIDE = 16_384;
/** pYIN's range at the 22.05 kHz the contour is tracked at: 25 Hz … a quarter of the rate. */
export const MIN_PITCH_HZ = 25;
export const MAX_PITCH_HZ = 5_512.5;
/** Spectrogram frequency limits (Hz): above 0 and at most 48 kHz. */
export const MAX_SPECTROGRAM_HZ = 48_000;

/** The decoding rate of every product but linear spectrograms (which keep the file's rate). */
export const RENDER_SAMPLE_RATE = 22_050;

export type ColormapSpec = ColormapName | readonly string[];

export interface SpectrogramImageProduct {
  readonly kind: "spectrogram";
  readonly type: SpectrogramKind;
  readonly colormap: ColormapSpec;
  readonly width: number;
  readonly height: number;
  /** Levels shown below the loudest cell (dB). */
  readonly rangeDb: number;
  readonly minHz: number | null;
  readonly maxHz: number | null;
  readonly axes: boolean;
  readonly format: RenderImageFormat;
}

/** Files: data.u8 (frames × bins bytes), axes.json, data.json (axes + base64 data). */
export interface SpectrogramDataProduct {
  readonly kind: "spectrogram-data";
  readonly type: SpectrogramKind;
  /** About this many frames (the hop is the duration / frames, at least 64 samples). */
  readonly frames: number;
  readonly rangeDb: number;
  readonly minHz: number | null;
  readonly maxHz: number | null;
}

/** Files: tiles.json and <zoom>/<index>.webp (spectrogram-export.ts). */
export interface SpectrogramTilesProduct {
  readonly kind: "spectrogram-tiles";
  readonly type: SpectrogramKind;
  readonly colormap: ColormapSpec;
  readonly rangeDb: number;
  readonly minHz: number | null;
  readonly maxHz: number | null;
}

/** Files: spec_data.gz and spec_shape.json (idtap-spectrogram.ts; IDTAP's fixed layout). */
export interface IdtapProduct {
  readonly kind: "idtap";
}

export interface PitchOptions {
  /** pYIN's search range (Hz); null: 60 and 1000 Hz, the melograph's axis from the contour. */
  readonly fmin: number | null;
  readonly fmax: number | null;
  /** Sa of the cents and guide lines; null: none, unless estimated. */
  readonly tonicHz: number | null;
  readonly estimateTonic: boolean;
}

export interface MelographProduct extends PitchOptions {
  readonly kind: "melograph";
  readonly spectrogram: boolean;
  readonly axes: boolean;
  readonly width: number;
  readonly height: number;
  readonly format: RenderImageFormat;
}

/** File: pitch.json (melograph-image.ts `melographJson`). */
export interface PitchProduct extends PitchOptions {
  readonly kind: "pitch";
}

/** Sources the service transcribes (mix needs the analysis pipeline: `tonearm transcribe --source mix`). */
export const NOTES_SOURCES = ["solo", "poly"] as const;
export type NotesSource = (typeof NOTES_SOURCES)[number];

/**
 * Files: notes.json (io/transcription-of-file.ts `transcriptionJson`, as `tonearm transcribe`
 * writes it) and notes.mid (its Standard MIDI File).
 */
export interface NotesProduct {
  readonly kind: "notes";
  /** solo: one voice or instrument (pYIN, notes and glides); poly: every pitched note of a mix. */
  readonly source: NotesSource;
  /** Solo: pYIN's search range (Hz); null: 60 and 1000 Hz. Poly: always null. */
  readonly fmin: number | null;
  readonly fmax: number | null;
  /** Sa of the notes' cents; null: none, unless estimated (solo only). */
  readonly tonicHz: number | null;
  readonly estimateTonic: boolean;
  /** MIDI: notes bent by their cents from the key, glides as bend curves (else glides left out). */
  readonly pitchBend: boolean;
  /** MIDI: General MIDI program 0…127; null writes none. */
  readonly program: number | null;
}

export type RenderProduct =
  | SpectrogramImageProduct
  | SpectrogramDataProduct
  | SpectrogramTilesProduct
  | IdtapProduct
  | MelographProduct
  | PitchProduct
  | NotesProduct;

/** What a caller asks for: a product (defaults may be left out) and which of its files. */
export type AnalysisImageRequest = {
  readonly [K in RenderProduct["kind"]]: Partial<Omit<Extract<RenderProduct, { kind: K }>, "kind">> & {
    readonly kind: K;
  };
}[RenderProduct["kind"]] & {
  /** The file in the product; default its only or main file (see `defaultFile`). */
  readonly file?: string;
};

export const SPECTROGRAM_IMAGE_DEFAULTS = {
  type: "cqt",
  colormap: "magma",
  width: 2000,
  height: 600,
  rangeDb: 80,
  axes: false,
  format: "webp",
} as const;
export const SPECTROGRAM_DATA_DEFAULT_FRAMES = 2000;
export const MELOGRAPH_DEFAULTS = { width: 1200, height: 400, format: "webp" } as const;
/** pYIN's range when none is given (as `tonearm melograph`). */
export const PITCH_RANGE_DEFAULTS = { fmin: 60, fmax: 1000 } as const;

function invalid(message: string): TonearmError {
  return new TonearmError("INVALID_OPTION", message);
}

function side(name: string, value: number | undefined, fallback: number): number {
  const pixels = value ?? fallback;
  if (!(Number.isInteger(pixels) && pixels >= MIN_IMAGE_SIDE && pixels <= MAX_IMAGE_SIDE)) {
    throw invalid(`${name} must be an integer from ${MIN_IMAGE_SIDE} to ${MAX_IMAGE_SIDE}, got ${pixels}`);
  }
  return pixels;
}

function colormapOf(spec: ColormapSpec | undefined): ColormapSpec {
  if (spec === undefined) return SPECTROGRAM_IMAGE_DEFAULTS.colormap;
  if (typeof spec === "string") {
    if ((COLORMAP_NAMES as readonly string[]).includes(spec)) return spec;
    throw invalid(`colormap must be one of ${COLORMAP_NAMES.join(", ")} or "#rrggbb,#rrggbb,…", got "${spec}"`);
  }
  if (spec.length < 2 || spec.length > 16 || !spec.every((colour) => /^#?[0-9a-f]{6}$/i.test(colour))) {
    throw invalid(`a colormap of your own is 2 to 16 colours "#rrggbb", got ${JSON.stringify(spec).slice(0, 120)}`);
  }
  return spec.map((colour) => `#${colour.replace(/^#/, "").toLowerCase()}`);
}

function frequencyRange(type: SpectrogramKind, minHz?: number | null, maxHz?: number | null) {
  const low = minHz ?? null;
  const high = maxHz ?? null;
  for (const [name, value] of [
    ["minHz", low],
    ["maxHz", high],
  ] as const) {
    if (value !== null && !(Number.isFinite(value) && value > 0 && value <= MAX_SPECTROGRAM_HZ)) {
      throw invalid(`${name} must be above 0 and at most ${MAX_SPECTROGRAM_HZ} Hz, got ${value}`);
    }
  }
  if (low !== null && high !== null && low >= high) throw invalid(`minHz (${low}) must be below maxHz (${high})`);
  // Constant-Q and log bins need nothing above the 22.05 kHz decoding's Nyquist frequency.
  if (type !== "linear" && low !== null && low >= RENDER_SAMPLE_RATE / 2) {
    throw invalid(`minHz must be below ${RENDER_SAMPLE_RATE / 2} Hz for type ${type}, got ${low}`);
  }
  return { minHz: low, maxHz: high };
}

function typeOf(type: SpectrogramKind | undefined): SpectrogramKind {
  const kind = type ?? SPECTROGRAM_IMAGE_DEFAULTS.type;
  if (!SPECTROGRAM_TYPES.includes(kind)) throw invalid(`type must be one of ${SPECTROGRAM_TYPES.join(", ")}`);
  return kind;
}

function rangeOf(rangeDb: number | undefined): number {
  const range = rangeDb ?? SPECTROGRAM_IMAGE_DEFAULTS.rangeDb;
  if (!(Number.isFinite(range) && range >= 10 && range <= 200)) {
    throw invalid(`range must be 10 to 200 dB, got ${range}`);
  }
  return range;
}

function formatOf(format: RenderImageFormat | undefined, fallback: RenderImageFormat): RenderImageFormat {
  const chosen = format ?? fallback;
  if (!IMAGE_FORMATS.includes(chosen)) throw invalid(`format must be png or webp, got "${String(chosen)}"`);
  return chosen;
}

function pitchOptions(request: Partial<PitchOptions>): PitchOptions {
  const fmin = request.fmin ?? null;
  const fmax = request.fmax ?? null;
  const low = fmin ?? PITCH_RANGE_DEFAULTS.fmin;
  const high = fmax ?? PITCH_RANGE_DEFAULTS.fmax;
  if (!(low >= MIN_PITCH_HZ && high > low && high <= MAX_PITCH_HZ)) {
    throw invalid(`need ${MIN_PITCH_HZ} ≤ fmin < fmax ≤ ${MAX_PITCH_HZ} Hz, got fmin ${low}, fmax ${high}`);
  }
  const tonicHz = request.tonicHz ?? null;
  if (tonicHz !== null && !(Number.isFinite(tonicHz) && tonicHz >= 20 && tonicHz <= 2000)) {
    throw invalid(`tonic must be 20 to 2000 Hz, got ${tonicHz}`);
  }
  const estimateTonic = request.estimateTonic ?? false;
  if (tonicHz !== null && estimateTonic) throw invalid("give tonic or estimateTonic, not both");
  return { fmin, fmax, tonicHz, estimateTonic };
}

function notesProduct(request: Partial<Omit<NotesProduct, "kind">>): NotesProduct {
  const source = request.source ?? "solo";
  if (!NOTES_SOURCES.includes(source)) throw invalid(`source must be solo or poly, got "${String(source)}"`);
  const pitch = pitchOptions(request);
  if (source === "poly" && (pitch.fmin !== null || pitch.fmax !== null)) {
    throw invalid("fmin and fmax apply to source solo only");
  }
  if (source === "poly" && pitch.estimateTonic) throw invalid("estimateTonic applies to source solo only");
  const program = request.program ?? null;
  if (program !== null && !(Number.isInteger(program) && program >= 0 && program <= 127)) {
    throw invalid(`program must be an integer 0…127, got ${program}`);
  }
  return { kind: "notes", source, ...pitch, pitchBend: request.pitchBend ?? false, program };
}

/** The product a request means, with every default filled in, keys in a fixed order. */
export function normaliseProduct(request: AnalysisImageRequest): RenderProduct {
  switch (request.kind) {
    case "spectrogram": {
      const type = typeOf(request.type);
      return {
        kind: "spectrogram",
        type,
        colormap: colormapOf(request.colormap),
        width: side("width", request.width, SPECTROGRAM_IMAGE_DEFAULTS.width),
        height: side("height", request.height, SPECTROGRAM_IMAGE_DEFAULTS.height),
        rangeDb: rangeOf(request.rangeDb),
        ...frequencyRange(type, request.minHz, request.maxHz),
        axes: request.axes ?? SPECTROGRAM_IMAGE_DEFAULTS.axes,
        format: formatOf(request.format, SPECTROGRAM_IMAGE_DEFAULTS.format),
      };
    }
    case "spectrogram-data": {
      const type = typeOf(request.type);
      return {
        kind: "spectrogram-data",
        type,
        frames: side("frames", request.frames, SPECTROGRAM_DATA_DEFAULT_FRAMES),
        rangeDb: rangeOf(request.rangeDb),
        ...frequencyRange(type, request.minHz, request.maxHz),
      };
    }
    case "spectrogram-tiles": {
      const type = typeOf(request.type);
      return {
        kind: "spectrogram-tiles",
        type,
        colormap: colormapOf(request.colormap),
        rangeDb: rangeOf(request.rangeDb),
        ...frequencyRange(type, request.minHz, request.maxHz),
      };
    }
    case "idtap":
      return { kind: "idtap" };
    case "melograph":
      return {
        kind: "melograph",
        ...pitchOptions(request),
        spectrogram: request.spectrogram ?? false,
        axes: request.axes ?? false,
        width: side("width", request.width, MELOGRAPH_DEFAULTS.width),
        height: side("height", request.height, MELOGRAPH_DEFAULTS.height),
        format: formatOf(request.format, MELOGRAPH_DEFAULTS.format),
      };
    case "pitch":
      return { kind: "pitch", ...pitchOptions(request) };
    case "notes":
      return notesProduct(request);
    default:
      throw invalid(`unknown render kind "${String((request as { kind: unknown }).kind)}"`);
  }
}

/** The file served when a request names none. */
export function defaultFile(product: RenderProduct): string {
  switch (product.kind) {
    case "spectrogram":
    case "melograph":
      return `image.${product.format}`;
    case "spectrogram-data":
      return "data.json";
    case "spectrogram-tiles":
      return "tiles.json";
    case "idtap":
      return "spec_data.gz";
    case "pitch":
      return "pitch.json";
    case "notes":
      return "notes.json";
  }
}

/** Files a product may hold: a relative path of plain segments (tiles: "<zoom>/<index>.webp"). */
const FILE_PATTERNS: Record<RenderProduct["kind"], RegExp> = {
  spectrogram: /^image\.(png|webp)$/,
  melograph: /^image\.(png|webp)$/,
  "spectrogram-data": /^(data\.u8|data\.json|axes\.json)$/,
  "spectrogram-tiles": /^(tiles\.json|\d{1,2}\/\d{1,7}\.webp)$/,
  idtap: /^(spec_data\.gz|spec_shape\.json)$/,
  pitch: /^pitch\.json$/,
  notes: /^notes\.(json|mid)$/,
};

/** The requested file, checked against what the product holds (never a path outside it). */
export function productFile(product: RenderProduct, file: string | undefined): string {
  const name = file ?? defaultFile(product);
  if (!FILE_PATTERNS[product.kind].test(name)) {
    throw new TonearmError("NOT_FOUND", `a ${product.kind} render has no file "${name.slice(0, 80)}"`);
  }
  return name;
}

const CONTENT_TYPES: Record<string, string> = {
  png: "image/png",
  webp: "image/webp",
  json: "application/json; charset=utf-8",
  gz: "application/gzip",
  u8: "application/octet-stream",
  mid: "audio/midi",
};

export function contentTypeOf(file: string): string {
  const extension = file.slice(file.lastIndexOf(".") + 1);
  return CONTENT_TYPES[extension] ?? "application/octet-stream";
}
