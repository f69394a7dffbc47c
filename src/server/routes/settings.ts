/**
 * Settings kept in the database and shared by every process using it (key → any JSON value):
 * list them, put one (insert or replace), remove one. Keys are a lowercase letter, then
 * lowercase letters, digits, ".", "_" or "-" (at most 64); values at most 64 KiB of JSON.
 * What a setting means is up to its readers (the dashboard, clients); the service only keeps it.
 */
import { z } from "zod";
import { MAX_SETTING_BYTES, SETTING_KEY_PATTERN } from "../../service/service.js";
import { HttpError } from "../errors.js";
import type { RouteContext, ZodApp } from "../route-context.js";
import { errorResponses } from "../schemas/common.js";

const SettingKeyParamsSchema = z.object({
  key: z
    .string()
    .regex(
      SETTING_KEY_PATTERN,
      'must be a lowercase letter, then lowercase letters, digits, ".", "_" or "-" (at most 64)',
    )
    .describe("setting key, e.g. ui.theme"),
});

const SettingValueSchema = z.unknown().describe(`any JSON value, at most ${MAX_SETTING_BYTES} bytes as JSON`);

const SettingBodySchema = z
  .object({ value: SettingValueSchema })
  .strict()
  .refine((body) => body.value !== undefined, { message: "value is required", path: ["value"] });

const SettingSchema = z.object({ key: z.string(), value: SettingValueSchema }).describe("one setting");

const SettingsSchema = z
  .object({ settings: z.record(z.string(), SettingValueSchema).describe("key → value, by key") })
  .describe("every setting");

export function registerSettingRoutes(app: ZodApp, { service }: RouteContext): void {
  const tags = ["settings"];

  app.get(
    "/api/settings",
    {
      schema: {
        tags,
        summary: "every setting, key → JSON value",
        response: { 200: SettingsSchema, ...errorResponses(401, 429) },
      },
    },
    async () => ({ settings: await service.listSettings() }),
  );

  app.put(
    "/api/settings/:key",
    {
      schema: {
        tags,
        summary: "set a setting (insert or replace): body { value: <any JSON> }",
        params: SettingKeyParamsSchema,
        body: SettingBodySchema,
        response: { 200: SettingSchema, ...errorResponses(400, 401, 422, 429) },
      },
    },
    async (request) => service.putSetting(request.params.key, request.body.value),
  );

  app.delete(
    "/api/settings/:key",
    {
      schema: {
        tags,
        summary: "remove a setting",
        params: SettingKeyParamsSchema,
        response: { 204: z.null().describe("removed"), ...errorResponses(400, 401, 404, 429) },
      },
    },
    async (request, reply) => {
      if (!(await service.removeSetting(request.params.key))) {
        throw new HttpError("NOT_FOUND", `no setting ${request.params.key}`);
      }
      return reply.code(204).send(null);
    },
  );
}
