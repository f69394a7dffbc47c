/**
 * A local HTTP server (node:http, 127.0.0.1, port 0) standing in for an online service in
 * tests: a route function answers each request with the service's documented JSON shapes,
 * and one-shot replies queued with `inject` answer the next requests first, to play rate
 * limiting (429 + Retry-After), outages (503), slow answers (timeouts), malformed bodies and
 * auth failures. Every request is recorded with its headers for assertions.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface FakeReply {
  readonly status?: number;
  /** Serialised as the JSON body. */
  readonly json?: unknown;
  /** A raw body (e.g. malformed JSON); wins over `json`. */
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Wait this long before answering (to trigger the client's timeout). */
  readonly delayMs?: number;
}

export type FakeRoute = (request: FakeRequest) => FakeReply;

export interface FakeServer {
  /** Base URL, e.g. "http://127.0.0.1:40123". */
  readonly url: string;
  readonly requests: FakeRequest[];
  /** Queues replies that answer the next requests, whatever they ask, before the route does. */
  inject(...replies: FakeReply[]): void;
  close(): Promise<void>;
}

function send(response: ServerResponse, reply: FakeReply): void {
  if (response.destroyed) return;
  const body = reply.body ?? (reply.json === undefined ? "" : JSON.stringify(reply.json));
  response.writeHead(reply.status ?? 200, { "Content-Type": "application/json; charset=utf-8", ...reply.headers });
  response.end(body);
}

export async function startFakeServer(route: FakeRoute): Promise<FakeServer> {
  const requests: FakeRequest[] = [];
  const injected: FakeReply[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      const url = new URL(incoming.url ?? "/", "http://fake.invalid");
      const request: FakeRequest = {
        method: incoming.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      let reply: FakeReply;
      try {
        reply = injected.shift() ?? route(request);
      } catch (error) {
        reply = { status: 500, json: { fake: String(error) } };
      }
      if (reply.delayMs === undefined) {
        send(response, reply);
        return;
      }
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(response, reply);
      }, reply.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject: (...replies) => {
      injected.push(...replies);
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** Common switches. */
export const reply = {
  rateLimited: (retryAfter: string, json: unknown = { message: "Too Many Requests" }): FakeReply => ({
    status: 429,
    json,
    headers: { "Retry-After": retryAfter },
  }),
  unavailable: (json: unknown = { error: "Service Unavailable" }): FakeReply => ({ status: 503, json }),
  slow: (delayMs: number): FakeReply => ({ delayMs, json: {} }),
  malformed: (): FakeReply => ({ body: '{"release-groups": [ {"id": ' }),
};
