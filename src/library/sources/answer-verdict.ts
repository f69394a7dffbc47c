/**
 * How the HTTP layer reads one answer of a service: the verdict (ok, not-found, retry,
 * credentials, fail), by HTTP status by default (RFC 9110 §15: 2xx ok, 404 not found, 401/403
 * credentials, 429/500/502/503/504 retry) unless the service's own `classify` reads an error
 * inside the body (Deezer and Last.fm send errors with HTTP 200). A 2xx body that is not JSON
 * is a failure, so it is never cached.
 */
import { RETRYABLE_STATUSES } from "./retry-policy.js";

export type Verdict =
  | { readonly kind: "ok" }
  | { readonly kind: "not-found" }
  | { readonly kind: "retry"; readonly reason: string }
  | { readonly kind: "credentials"; readonly reason: string }
  | { readonly kind: "fail"; readonly reason: string };

/** A service's reading of an answer; undefined falls back to the status-based default. */
export type ClassifyAnswer = (status: number, body: unknown) => Verdict | undefined;

export function defaultVerdict(status: number): Verdict {
  if (status >= 200 && status < 300) return { kind: "ok" };
  if (status === 404) return { kind: "not-found" };
  if (status === 401 || status === 403) return { kind: "credentials", reason: `HTTP ${status}` };
  if (RETRYABLE_STATUSES.has(status)) return { kind: "retry", reason: `HTTP ${status}` };
  return { kind: "fail", reason: `HTTP ${status}` };
}

/** Parses the body and classifies the answer; an unparsable 2xx body is a failure, never cached. */
export function judgeAnswer(
  outcome: { readonly response: Response; readonly text: string },
  classify: ClassifyAnswer | undefined,
): { verdict: Verdict; body: unknown } {
  const { response, text } = outcome;
  let body: unknown;
  try {
    body = text.trim() === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    const verdict = defaultVerdict(response.status);
    if (verdict.kind !== "ok") return { verdict, body: undefined };
    return {
      verdict: {
        kind: "fail",
        reason: `HTTP ${response.status} with a body that is not valid JSON: ${JSON.stringify(text.slice(0, 80))}`,
      },
      body,
    };
  }
  const verdict = classify?.(response.status, body) ?? defaultVerdict(response.status);
  if (verdict.kind === "ok" && body === undefined) {
    return { verdict: { kind: "fail", reason: `HTTP ${response.status} with an empty body` }, body };
  }
  return { verdict, body };
}
