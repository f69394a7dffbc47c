/**
 * `tonearm serve [--port 8000] [--host 127.0.0.1]`: the HTTP API, its OpenAPI docs and
 * the seed systems' endpoints, over the configured database and job queue. Loads the
 * config (flags override it), opens the service, listens, prints the URLs, and on
 * SIGINT/SIGTERM stops taking requests, closes open event streams and the service.
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import { startServer } from "../../server/app.js";
import { EXIT } from "../exit-codes.js";

export const SERVE_HELP = `Usage: tonearm serve [--port N] [--host ADDRESS]

Serve tonearm's HTTP API: analyses and mastering reports as background jobs with
progress (server-sent events), reference tracks, jobs, settings, and the endpoints of
Sectionist, the Audio Mastering Tool (with its progress WebSocket) and DrumScore for
their existing clients. The OpenAPI document is at /docs (Swagger UI) and /docs/json.

Binding anything but loopback requires API keys (TONEARM_API_KEYS, comma-separated,
each at least 16 characters); clients send Authorization: Bearer KEY or X-API-Key: KEY
(the WebSocket /ws/progress/{id} also takes ?api_key=KEY).

Options:
  -p, --port N          port (default 8000; env TONEARM_PORT)
  -H, --host ADDRESS    address to bind (default 127.0.0.1; env TONEARM_HOST)
  -h, --help            this help

Environment: TONEARM_DATABASE_URL, TONEARM_REDIS_URL, TONEARM_DATA_DIR, TONEARM_API_KEYS,
TONEARM_CORS_ORIGINS, TONEARM_RATE_LIMIT, TONEARM_MAX_UPLOAD_BYTES, TONEARM_ALLOWED_ROOTS,
TONEARM_LOG_FILE (see the README).`;

function parsePort(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new TonearmError("INVALID_OPTION", `--port must be an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}

export async function runServe(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      port: { type: "string", short: "p" },
      host: { type: "string", short: "H" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${SERVE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new TonearmError("INVALID_OPTION", "serve takes no arguments (see --help)");
  const config = loadConfig({ port: parsePort(values.port), host: values.host });
  // Loaded here so the CLI's other commands never load the database and queue drivers.
  const { openService } = await import("../../service/open-service.js");
  const service = await openService(config);
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer({ config, service });
  } catch (error) {
    await service.close();
    throw error;
  }
  process.stdout.write(`tonearm serving on ${running.url}\nAPI docs: ${running.url}/docs\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      process.stdout.write(`\n${signal}: shutting down\n`);
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      running.app
        .close()
        .then(() => service.close())
        .then(
          () => resolve(EXIT.ok),
          (error: unknown) => {
            process.stderr.write(`tonearm serve: shutdown failed: ${String(error)}\n`);
            resolve(EXIT.internal);
          },
        );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
