/**
 * Drum transcriptions: POST /api/transcriptions queues one for an upload (multipart field
 * `file`) or a file under an allowed root (JSON `path`) and answers 202 with the analysis
 * (kind "transcription"); GET /api/analyses/:id follows it (stages separate, transcribe,
 * notation) and, once completed, lists its `downloads`; GET /api/transcriptions/:id/:artifact
 * serves each file: the PDF score, MIDI, MusicXML, the drum stem (FLAC) and the hits (JSON).
 */
import { z } from "zod";
import {
  audioAtPath,
  handOverAudio,
  type RequestAudio,
  requireJsonOrMultipart,
  uploadedAudio,
} from "../audio-source.js";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { AnalysisViewSchema, DrumArtifactSchema, TranscribePathBodySchema } from "../schemas/analyses.js";
import { errorResponses, UuidSchema } from "../schemas/common.js";
import { sendFile } from "../send-file.js";
import { analysisJson } from "../view-json.js";

export function registerTranscriptionRoutes(app: ZodApp, { config, service }: RouteContext): void {
  app.post(
    "/api/transcriptions",
    {
      preValidation: requireJsonOrMultipart,
      schema: {
        tags: ["transcriptions"],
        summary:
          "drum transcription (PDF score, MIDI, MusicXML, drum stem) of an uploaded file (multipart field `file`) or a file under an allowed root",
        consumes: ["application/json", "multipart/form-data"],
        body: TranscribePathBodySchema.nullable(),
        response: { 202: AnalysisViewSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      let audio: RequestAudio;
      if (request.isMultipart()) {
        audio = (await uploadedAudio(request, config, "file")).audio;
      } else {
        if (request.body === null) throw new HttpError("VALIDATION_FAILED", "body: expected an object with a path");
        audio = await audioAtPath(request.body.path, config);
      }
      const view = await handOverAudio(audio, () => service.submitAnalysis({ kind: "transcription", audio }));
      return reply.code(202).header("location", `/api/analyses/${view.id}`).send(analysisJson(view));
    },
  );

  app.get(
    "/api/transcriptions/:id/:artifact",
    {
      schema: {
        tags: ["transcriptions"],
        summary:
          "a file of a completed transcription: pdf (application/pdf), midi (audio/midi), musicxml (application/vnd.recordare.musicxml+xml), audio (audio/flac) or json",
        produces: [
          "application/pdf",
          "audio/midi",
          "application/vnd.recordare.musicxml+xml",
          "audio/flac",
          "application/json",
        ],
        params: z.object({ id: UuidSchema, artifact: DrumArtifactSchema }),
        response: {
          200: z.string().describe("the file, as an attachment named after the uploaded audio"),
          ...errorResponses(400, 401, 404, 409, 429),
        },
      },
    },
    async (request, reply) =>
      sendFile(reply, await service.transcriptionFile(request.params.id, request.params.artifact)),
  );
}
