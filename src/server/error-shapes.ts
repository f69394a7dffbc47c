/**
 * The shapes error bodies take. tonearm's own API answers `{ "error": { "code",
 * "message" } }`; the seed systems' routes keep the shape their existing clients parse:
 * - "sectionist": `{ "success": false, "error": "<message>" }` (Sectionist's Flask server;
 *   its Swift client decodes `ErrorResponse { error: String }`).
 * - "fastapi": `{ "detail": "<message>", "error": "<code>", "message": "<message>" }`:
 *   FastAPI's `HTTPException` body (`detail`, read by the Audio Mastering Tool's client
 *   and DrumScore's) plus the `error`/`message` pair of DrumScore's documented ErrorResponse.
 * The route's `config.errorShape` chooses; the default is "tonearm".
 */

export type ErrorShape = "tonearm" | "sectionist" | "fastapi";

export interface ErrorContent {
  readonly code: string;
  readonly message: string;
}

export function renderError(shape: ErrorShape, content: ErrorContent): Record<string, unknown> {
  switch (shape) {
    case "sectionist":
      return { success: false, error: content.message };
    case "fastapi":
      return { detail: content.message, error: content.code, message: content.message };
    default:
      return { error: { code: content.code, message: content.message } };
  }
}

declare module "fastify" {
  interface FastifyContextConfig {
    /** Which error body the route answers with (default "tonearm"). */
    errorShape?: ErrorShape;
    /** Reachable without an API key (liveness, readiness). */
    public?: boolean;
  }
}
