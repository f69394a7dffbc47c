/**
 * Spotify's client-credentials flow: POST grant_type=client_credentials to the accounts
 * service's /api/token with HTTP Basic auth (client id:secret), answer
 * `{ access_token, token_type: "Bearer", expires_in }`. The token is kept until a minute
 * before it expires, shared by concurrent requests (one token request in flight at a time),
 * and dropped on a 401 so that the next request fetches a new one.
 * Reference: https://developer.spotify.com/documentation/web-api/tutorials/client-credentials-flow
 * (RFC 6749 §4.4).
 */
import { z } from "zod";
import { TonearmError } from "../../analysis/errors.js";
import { parseAnswer } from "./answer-shape.js";
import type { ClassifyAnswer } from "./answer-verdict.js";
import type { Clock } from "./clock.js";
import type { JsonRequest, ServiceHttpClient } from "./http-client.js";

const TokenSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.number().positive(),
});

/** `{ error: "invalid_client", error_description }` (HTTP 400/401) is a credentials problem. */
export const classifySpotifyTokenAnswer: ClassifyAnswer = (status, body) => {
  if (typeof body !== "object" || body === null || !("error" in body) || typeof body.error !== "string")
    return undefined;
  const description = "error_description" in body ? ` (${String(body.error_description)})` : "";
  const reason = `${body.error}${description}, HTTP ${status}`;
  return body.error === "invalid_client" || body.error === "unauthorized_client"
    ? { kind: "credentials", reason }
    : { kind: "fail", reason };
};

/** Seconds before expiry at which a token is no longer used. */
const EXPIRY_MARGIN_SECONDS = 60;

export interface SpotifyTokenProvider {
  /** `JsonRequest.auth` for Spotify API calls. */
  readonly auth: NonNullable<JsonRequest["auth"]>;
  /** Token requests sent so far. */
  readonly requests: number;
}

export function createSpotifyTokenProvider(
  accounts: ServiceHttpClient,
  clientId: string,
  clientSecret: string,
  clock: Clock,
): SpotifyTokenProvider {
  let token: { value: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  let requests = 0;

  async function fetchToken(signal?: AbortSignal): Promise<string> {
    requests += 1;
    const basic = Buffer.from(`${clientId}:${clientSecret}`, "utf8").toString("base64");
    const answer = await accounts.requestJson(
      {
        method: "POST",
        path: "/api/token",
        form: { grant_type: "client_credentials" },
        headers: { Authorization: `Basic ${basic}` },
      },
      signal,
    );
    if (!answer.found)
      throw new TonearmError("NOT_AVAILABLE", "spotify is not available: its token endpoint was not found");
    const parsed = parseAnswer("spotify", "token", TokenSchema, answer.body);
    token = {
      value: parsed.access_token,
      expiresAt: clock.now() + Math.max(0, parsed.expires_in - EXPIRY_MARGIN_SECONDS) * 1000,
    };
    return parsed.access_token;
  }

  async function current(signal?: AbortSignal): Promise<string> {
    if (token !== undefined && clock.now() < token.expiresAt) return token.value;
    pending ??= fetchToken(signal).finally(() => {
      pending = undefined;
    });
    return pending;
  }

  return {
    get requests() {
      return requests;
    },
    auth: {
      headers: async (signal) => ({ Authorization: `Bearer ${await current(signal)}` }),
      refresh: () => {
        token = undefined;
      },
    },
  };
}
