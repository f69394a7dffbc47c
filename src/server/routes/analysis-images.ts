/**
 * Images and data of an analysis's audio: GET /api/analyses/:id/spectrogram (PNG or WebP),
 * …/spectrogram/data (uint8 matrix with its axes: JSON with base64 data, or the raw bytes
 * with the axes at …/spectrogram/axes), …/spectrogram/tiles/tiles.json and
 * …/tiles/:zoom/:index.webp (zoomable tiles), …/spectrogram/idtap/spec_data.gz and
 * spec_shape.json (IDTAP's format), …/melograph (PNG or WebP), …/pitch (JSON contour) and
 * …/notes (the transcription of `tonearm transcribe`: JSON, or a MIDI file as a download).
 * The service renders on worker threads and caches (renderAnalysisImage); the route
 * translates the query, negotiates the format from Accept when the query names none, and
 * answers with the file's type and length, a strong ETag and Cache-Control (an analysis's
 * audio never changes; the tag changes when tonearm or the rendering would), or 304 when
 * If-None-Match holds the tag.
 * Reference: RFC 9110 §8.8.3 (ETag), §13.1.2 (If-None-Match, weak comparison), §12.5.1 (Accept);
 *   RFC 9111 §5.2 (Cache-Control).
 */
import { createReadStream } from "node:fs";
import { basename, extname } from "node:path";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { AnalysisImageRequest, TonearmService } from "../../service/service.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import {
  BINARY,
  IdtapParamsSchema,
  IMAGE_TYPES,
  MelographQuerySchema,
  NotesQuerySchema,
  PitchContourSchema,
  PitchQuerySchema,
  renderResponses,
  SpectrogramAxesQuerySchema,
  SpectrogramAxesSchema,
  SpectrogramDataQuerySchema,
  SpectrogramDataSchema,
  SpectrogramImageQuerySchema,
  SpectrogramTilesQuerySchema,
  TileIndexSchema,
  TileParamsSchema,
  TranscriptionSchema,
} from "../schemas/analysis-images.js";
import { IdParamsSchema } from "../schemas/common.js";
import { contentDisposition } from "../send-file.js";

const CACHE_CONTROL = "private, max-age=86400";

/** Quality of `type` in an Accept header: its most specific matching range's q (0 if none). */
function acceptQuality(accept: string, type: string): number {
  const [major] = type.split("/");
  let best = -1;
  let quality = 0;
  for (const part of accept.split(",")) {
    const [range = "", ...parameters] = part.split(";").map((piece) => piece.trim().toLowerCase());
    const specificity = range === type ? 2 : range === `${major}/*` ? 1 : range === "*/*" ? 0 : -1;
    if (specificity <= best) continue;
    const q = parameters.find((parameter) => parameter.startsWith("q="));
    const value = q === undefined ? 1 : Number(q.slice(2));
    best = specificity;
    quality = Number.isFinite(value) ? value : 0;
  }
  return quality;
}

/** The first of `choices` (content type → value, in order of preference) the client accepts most. */
export function negotiate<T>(accept: string | undefined, choices: readonly (readonly [string, T])[]): T {
  const [first] = choices;
  if (first === undefined) throw new Error("negotiate: no choices");
  if (!accept) return first[1];
  let chosen = first;
  let chosenQuality = acceptQuality(accept, first[0]);
  for (const choice of choices.slice(1)) {
    const quality = acceptQuality(accept, choice[0]);
    if (quality > chosenQuality) {
      chosen = choice;
      chosenQuality = quality;
    }
  }
  return chosen[1];
}

/** If-None-Match holds `etag` (weak comparison: a W/ prefix is ignored) or is "*". */
export function ifNoneMatchHolds(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === "*") return true;
  return header.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag);
}

async function sendRender(
  service: TonearmService,
  request: FastifyRequest,
  reply: FastifyReply,
  analysisId: string,
  render: AnalysisImageRequest,
  downloadName?: () => Promise<string>,
): Promise<FastifyReply> {
  const tag = await service.analysisImageTag(analysisId, render);
  reply.header("etag", tag.etag).header("cache-control", CACHE_CONTROL);
  if (ifNoneMatchHolds(request.headers["if-none-match"], tag.etag)) return reply.code(304).send();
  const file = await service.renderAnalysisImage(analysisId, render);
  if (downloadName) reply.header("content-disposition", contentDisposition(await downloadName()));
  return reply
    .header("content-type", file.contentType)
    .header("content-length", file.bytes)
    .send(createReadStream(file.path));
}

/** Leaves out what the query did not give (the service fills in the defaults). */
function defined<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}

const IMAGE_CHOICES = [
  ["image/webp", "webp"],
  ["image/png", "png"],
] as const;

/** The query's format, else the one Accept prefers among `choices`; the answer then varies by Accept. */
function chooseFormat<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  given: T | undefined,
  choices: readonly (readonly [string, T])[],
): T {
  reply.header("vary", "Accept");
  return given ?? negotiate(request.headers.accept, choices);
}

export function registerAnalysisImageRoutes(app: ZodApp, { service }: RouteContext): void {
  app.get(
    "/api/analyses/:id/spectrogram",
    {
      schema: {
        tags: ["images"],
        summary: "a spectrogram image of the analysis's audio (mono): constant-Q, log, mel or linear",
        produces: Object.keys(IMAGE_TYPES),
        params: IdParamsSchema,
        querystring: SpectrogramImageQuerySchema,
        response: renderResponses("the image (WebP or PNG)", IMAGE_TYPES),
      },
    },
    async (request, reply) => {
      const { query } = request;
      const format = chooseFormat(request, reply, query.format, IMAGE_CHOICES);
      return sendRender(service, request, reply, request.params.id, {
        kind: "spectrogram",
        ...defined({
          type: query.type,
          colormap: query.colormap,
          width: query.width,
          height: query.height,
          rangeDb: query.range,
          minHz: query.minHz,
          maxHz: query.maxHz,
          axes: query.axes,
        }),
        format,
      });
    },
  );

  app.get(
    "/api/analyses/:id/spectrogram/data",
    {
      schema: {
        tags: ["images"],
        summary:
          "the spectrogram as one byte per cell (level q = floorDb + q·(ceilingDb − floorDb)/255 dB) for a front end's own colormap: JSON with the axes and base64 data, or with format=u8 (or Accept: application/octet-stream) the raw frames × bins bytes (frame-major, bin 0 lowest) whose axes GET …/spectrogram/axes gives for the same query",
        produces: ["application/json", "application/octet-stream"],
        params: IdParamsSchema,
        querystring: SpectrogramDataQuerySchema,
        response: renderResponses("the data", {
          "application/json": SpectrogramDataSchema,
          "application/octet-stream": BINARY,
        }),
      },
    },
    async (request, reply) => {
      const { query } = request;
      const format = chooseFormat(request, reply, query.format, [
        ["application/json", "json"],
        ["application/octet-stream", "u8"],
      ] as const);
      return sendRender(service, request, reply, request.params.id, {
        kind: "spectrogram-data",
        ...defined({
          type: query.type,
          frames: query.frames,
          rangeDb: query.range,
          minHz: query.minHz,
          maxHz: query.maxHz,
        }),
        file: format === "u8" ? "data.u8" : "data.json",
      });
    },
  );

  app.get(
    "/api/analyses/:id/spectrogram/axes",
    {
      schema: {
        tags: ["images"],
        summary: "the axes of …/spectrogram/data?format=u8 for the same query (shape, levels, times, frequencies)",
        produces: ["application/json"],
        params: IdParamsSchema,
        querystring: SpectrogramAxesQuerySchema,
        response: renderResponses("the axes", { "application/json": SpectrogramAxesSchema }),
      },
    },
    async (request, reply) => {
      const { query } = request;
      return sendRender(service, request, reply, request.params.id, {
        kind: "spectrogram-data",
        ...defined({
          type: query.type,
          frames: query.frames,
          rangeDb: query.range,
          minHz: query.minHz,
          maxHz: query.maxHz,
        }),
        file: "axes.json",
      });
    },
  );

  const tilesProduct = (query: z.output<typeof SpectrogramTilesQuerySchema>) => ({
    kind: "spectrogram-tiles" as const,
    ...defined({
      type: query.type,
      colormap: query.colormap,
      rangeDb: query.range,
      minHz: query.minHz,
      maxHz: query.maxHz,
    }),
  });

  app.get(
    "/api/analyses/:id/spectrogram/tiles/tiles.json",
    {
      schema: {
        tags: ["images"],
        summary:
          "zoomable spectrogram tiles: the index (zoom levels, tiles per level, seconds per tile, axes); zoom 0 has one frame per pixel, each level up halves the resolution",
        produces: ["application/json"],
        params: IdParamsSchema,
        querystring: SpectrogramTilesQuerySchema,
        response: renderResponses("the tile index", { "application/json": TileIndexSchema }),
      },
    },
    async (request, reply) =>
      sendRender(service, request, reply, request.params.id, { ...tilesProduct(request.query), file: "tiles.json" }),
  );

  app.get(
    "/api/analyses/:id/spectrogram/tiles/:zoom/:tile",
    {
      schema: {
        tags: ["images"],
        summary: "one spectrogram tile (WebP, 512 × 256 px; the last of a level narrower); 404 past the last",
        produces: ["image/webp"],
        params: TileParamsSchema,
        querystring: SpectrogramTilesQuerySchema,
        response: renderResponses("the tile", { "image/webp": BINARY }),
      },
    },
    async (request, reply) => {
      const { id, zoom, tile } = request.params;
      return sendRender(service, request, reply, id, { ...tilesProduct(request.query), file: `${zoom}/${tile}` });
    },
  );

  app.get(
    "/api/analyses/:id/spectrogram/idtap/:file",
    {
      schema: {
        tags: ["images"],
        summary:
          "IDTAP's spectrogram files: spec_data.gz, a gzipped uint8 matrix [freqBins, timeFrames] (constant-Q 75–2400 Hz, 72 bins per octave, row 0 the highest), and spec_shape.json",
        produces: ["application/gzip", "application/json"],
        params: IdtapParamsSchema,
        response: renderResponses("the file (served as stored: no Content-Encoding)", {
          "application/gzip": BINARY,
          "application/json": BINARY,
        }),
      },
    },
    async (request, reply) =>
      sendRender(service, request, reply, request.params.id, { kind: "idtap", file: request.params.file }),
  );

  app.get(
    "/api/analyses/:id/melograph",
    {
      schema: {
        tags: ["images"],
        summary:
          "a melograph: the pitch contour (pYIN) on a log-frequency axis, with Sa/Pa lines of the tonic (given, or estimated) or note-name lines",
        produces: Object.keys(IMAGE_TYPES),
        params: IdParamsSchema,
        querystring: MelographQuerySchema,
        response: renderResponses("the image (WebP or PNG)", IMAGE_TYPES),
      },
    },
    async (request, reply) => {
      const { query } = request;
      const format = chooseFormat(request, reply, query.format, IMAGE_CHOICES);
      return sendRender(service, request, reply, request.params.id, {
        kind: "melograph",
        ...defined({
          fmin: query.fmin,
          fmax: query.fmax,
          tonicHz: query.tonic,
          estimateTonic: query.estimateTonic,
          spectrogram: query.spectrogram,
          axes: query.axes,
          width: query.width,
          height: query.height,
        }),
        format,
      });
    },
  );

  app.get(
    "/api/analyses/:id/pitch",
    {
      schema: {
        tags: ["images"],
        summary:
          "the pitch contour (pYIN, 256-sample hop at 22.05 kHz): times, f0Hz, cents relative to the tonic (given or estimated), voicedProbability",
        produces: ["application/json"],
        params: IdParamsSchema,
        querystring: PitchQuerySchema,
        response: renderResponses("the contour", { "application/json": PitchContourSchema }),
      },
    },
    async (request, reply) => {
      const { query } = request;
      return sendRender(service, request, reply, request.params.id, {
        kind: "pitch",
        ...defined({
          fmin: query.fmin,
          fmax: query.fmax,
          tonicHz: query.tonic,
          estimateTonic: query.estimateTonic,
        }),
      });
    },
  );

  app.get(
    "/api/analyses/:id/notes",
    {
      schema: {
        tags: ["images"],
        summary:
          "the automatic transcription of `tonearm transcribe`: notes (and glides), phrases and onsets as JSON, or with format=midi (or Accept: audio/midi) a Standard MIDI File download (120 BPM, 960 ticks per second); source solo (pYIN, one voice or instrument) or poly (every pitched note of a mix)",
        produces: ["application/json", "audio/midi"],
        params: IdParamsSchema,
        querystring: NotesQuerySchema,
        response: renderResponses("the transcription", {
          "application/json": TranscriptionSchema,
          "audio/midi": BINARY,
        }),
      },
    },
    async (request, reply) => {
      const { query } = request;
      const { id } = request.params;
      const format = chooseFormat(request, reply, query.format, [
        ["application/json", "json"],
        ["audio/midi", "midi"],
      ] as const);
      const render: AnalysisImageRequest = {
        kind: "notes",
        ...defined({
          source: query.source,
          fmin: query.fmin,
          fmax: query.fmax,
          tonicHz: query.tonic,
          estimateTonic: query.estimateTonic,
          pitchBend: query.pitchBend,
          program: query.program,
        }),
        file: format === "midi" ? "notes.mid" : "notes.json",
      };
      // The MIDI is a download named after the analysed file.
      const downloadName = async () => {
        const fileName = (await service.getAnalysis(id))?.fileName ?? "";
        const stem = basename(fileName, extname(fileName));
        return `${stem === "" ? id : stem}.notes.mid`;
      };
      return sendRender(service, request, reply, id, render, format === "midi" ? downloadName : undefined);
    },
  );
}
