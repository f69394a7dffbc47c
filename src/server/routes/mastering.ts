/**
 * POST /api/mastering: a mastering analysis (loudness, dynamics, stereo, bands and
 * recommendations against a genre target) of an upload or a file under an allowed
 * root. Answers 202 with the queued analysis; GET /api/analyses/:id has the result.
 */
import type { AnalysisRequest } from "../../service/service.js";
import {
  audioAtPath,
  formField,
  handOverAudio,
  type RequestAudio,
  requireJsonOrMultipart,
  uploadedAudio,
} from "../audio-source.js";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { AnalysisViewSchema, MasterPathBodySchema, RecommendationLevelSchema } from "../schemas/analyses.js";
import { errorResponses } from "../schemas/common.js";
import { analysisJson } from "../view-json.js";

interface MasteringChoices {
  readonly genre: string | undefined;
  readonly level: string | undefined;
}

function levelFromForm(value: string | undefined): string | undefined {
  if (value === undefined || value === "") return undefined;
  const parsed = RecommendationLevelSchema.safeParse(value);
  if (!parsed.success)
    throw new HttpError("VALIDATION_FAILED", `recommendation_level: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

export function masteringRequest(audio: RequestAudio, choices: MasteringChoices): AnalysisRequest {
  return {
    kind: "mastering",
    audio,
    ...(choices.genre === undefined || choices.genre === "" ? {} : { genre: choices.genre }),
    ...(choices.level === undefined ? {} : { level: choices.level }),
  };
}

export function registerMasteringRoutes(app: ZodApp, { config, service }: RouteContext): void {
  app.post(
    "/api/mastering",
    {
      preValidation: requireJsonOrMultipart,
      schema: {
        tags: ["mastering"],
        summary: "mastering report of an uploaded file (multipart field `file`) or a file under an allowed root",
        consumes: ["application/json", "multipart/form-data"],
        body: MasterPathBodySchema.nullable(),
        response: { 202: AnalysisViewSchema, ...errorResponses(400, 401, 403, 404, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      let audio: RequestAudio;
      let choices: MasteringChoices;
      if (request.isMultipart()) {
        const upload = await uploadedAudio(request, config, "file");
        audio = upload.audio;
        choices = await handOverAudio(audio, async () => ({
          genre: formField(upload.fields, "genre"),
          level: levelFromForm(formField(upload.fields, "recommendation_level")),
        }));
      } else {
        if (request.body === null) throw new HttpError("VALIDATION_FAILED", "body: expected an object with a path");
        audio = await audioAtPath(request.body.path, config);
        choices = { genre: request.body.genre, level: request.body.recommendation_level };
      }
      const view = await handOverAudio(audio, () => service.submitAnalysis(masteringRequest(audio, choices)));
      return reply.code(202).header("location", `/api/analyses/${view.id}`).send(analysisJson(view));
    },
  );
}
