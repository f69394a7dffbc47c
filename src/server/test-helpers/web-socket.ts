/**
 * A WebSocket client for tests: the `ws` package (Node 20 has no global WebSocket without a
 * flag), loaded through require because it ships no types; the few members used are typed here.
 */
import type { IncomingMessage } from "node:http";
import { createRequire } from "node:module";

interface WsClient {
  on(event: "open", listener: () => void): this;
  on(event: "message", listener: (data: Buffer) => void): this;
  on(event: "ping", listener: () => void): this;
  on(event: "close", listener: (code: number, reason: Buffer) => void): this;
  on(event: "error", listener: (error: Error) => void): this;
  on(event: "unexpected-response", listener: (request: { destroy(): void }, response: IncomingMessage) => void): this;
  close(code?: number, reason?: string): void;
}

type WsClientConstructor = new (url: string, options?: { readonly headers?: Record<string, string> }) => WsClient;

const { WebSocket } = createRequire(import.meta.url)("ws") as { WebSocket: WsClientConstructor };

export interface TestSocket {
  /** Parsed JSON text frames, in order of arrival. */
  readonly messages: unknown[];
  /** Pings received from the server. */
  pings: number;
  /** Resolves with the close code and reason once the socket has closed. */
  readonly closed: Promise<{ readonly code: number; readonly reason: string }>;
  close(code?: number, reason?: string): void;
}

/** Opens a socket; resolves once open, or rejects with the HTTP status the upgrade was refused with. */
export function openSocket(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  return new Promise((resolve, reject) => {
    const client = new WebSocket(url, { headers });
    let resolveClosed: (value: { code: number; reason: string }) => void = () => {};
    const socket: TestSocket = {
      messages: [],
      pings: 0,
      closed: new Promise((done) => {
        resolveClosed = done;
      }),
      close: (code, reason) => client.close(code, reason),
    };
    client.on("message", (data) => socket.messages.push(JSON.parse(data.toString("utf8"))));
    client.on("ping", () => {
      socket.pings++;
    });
    client.on("close", (code, reason) => resolveClosed({ code, reason: reason.toString("utf8") }));
    client.on("open", () => resolve(socket));
    client.on("unexpected-response", (request, response) => {
      reject(Object.assign(new Error(`upgrade refused with ${response.statusCode}`), { status: response.statusCode }));
      response.resume();
      request.destroy();
    });
    client.on("error", reject);
  });
}

/** The HTTP status an upgrade was refused with (the test fails if it was accepted). */
export async function refusedStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  try {
    const socket = await openSocket(url, headers);
    socket.close();
  } catch (error) {
    const status = (error as { status?: number }).status;
    if (status !== undefined) return status;
    throw error;
  }
  throw new Error(`the upgrade of ${url} was accepted`);
}
