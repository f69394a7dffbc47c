/**
 * Starts a real server on 127.0.0.1 (port 0) over the in-memory service, with a config
 * in a fresh temporary home, for tests that talk HTTP with fetch.
 */
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { pino } from "pino";
import { defaultConfig, type TonearmConfig } from "../../config/load-config.js";
import { buildServer } from "../app.js";
import { uploadDirectory } from "../uploads.js";
import { InMemoryTonearmService } from "./in-memory-service.js";

export interface TestServer {
  readonly app: FastifyInstance;
  readonly base: string;
  readonly service: InMemoryTonearmService;
  readonly config: TonearmConfig;
  /** A scratch directory removed by close(). */
  readonly scratch: string;
  /** Files currently in the upload directory. */
  uploads(): string[];
  close(): Promise<void>;
}

export interface TestServerOptions {
  readonly logger?: FastifyBaseLogger;
  readonly sseHeartbeatMs?: number;
  readonly service?: InMemoryTonearmService;
}

/** Config overrides, or a function of the scratch directory giving them (to place allowed roots there). */
export type TestConfigOverrides = Partial<TonearmConfig> | ((scratch: string) => Partial<TonearmConfig>);

export async function startTestServer(
  configOverrides: TestConfigOverrides = {},
  options: TestServerOptions = {},
): Promise<TestServer> {
  const scratch = mkdtempSync(join(tmpdir(), "tonearm-server-test-"));
  const overrides = typeof configOverrides === "function" ? configOverrides(scratch) : configOverrides;
  const config: TonearmConfig = Object.freeze({
    ...defaultConfig({ home: scratch }),
    dataDir: join(scratch, "data"),
    ...overrides,
  });
  const service = options.service ?? new InMemoryTonearmService();
  const app = await buildServer({
    config,
    service,
    logger: options.logger ?? pino({ level: "silent" }),
    ...(options.sseHeartbeatMs === undefined ? {} : { sseHeartbeatMs: options.sseHeartbeatMs }),
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  return {
    app,
    base: `http://127.0.0.1:${port}`,
    service,
    config,
    scratch,
    uploads: () => {
      try {
        return readdirSync(uploadDirectory(config));
      } catch {
        return [];
      }
    },
    close: async () => {
      await app.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
