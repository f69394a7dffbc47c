/**
 * `npm run bench:server`: throughput of `tonearm serve` on loopback.
 * - reads: requests per second of GET /api/analyses/:id for a completed analysis
 *   (autocannon, 10 connections, 5 s), with latency percentiles;
 * - analyses: end-to-end analyses per minute for uploads of synthesised 10-s and 3-minute
 *   stereo WAVs (upload, queue, analyse, store), 4 in flight.
 * Runs over the real service (SQLite and in-process worker threads in a temporary home);
 * also 3-minute uploads unless --quick. Prints a markdown table.
 * Writes docs/bench-server.md (not with --quick or --no-write).
 * Options: --quick (2-s reads, 4 short uploads), --no-write.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { pino } from "pino";
import { defaultConfig, type TonearmConfig } from "../src/config/load-config.js";
import { writeWav } from "../src/io/wav-writer.js";
import { startServer } from "../src/server/app.js";
import { openService } from "../src/service/open-service.js";
import { describeMachine, machineMarkdown, markdownTable } from "./machine.js";
import { musicLikeSignal } from "./music-like-signal.js";

const quick = process.argv.includes("--quick");
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const home = mkdtempSync(join(tmpdir(), "tonearm-bench-server-"));
const config: TonearmConfig = Object.freeze({
  ...defaultConfig({ home }),
  home,
  port: 0,
  rateLimitPerMinute: 10_000_000,
});

interface AnalysisBody {
  readonly id: string;
  readonly job: { readonly id: string; readonly status: string };
}

async function upload(base: string, bytes: Uint8Array<ArrayBuffer>): Promise<AnalysisBody> {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type: "audio/wav" }), "bench.wav");
  const response = await fetch(`${base}/api/analyses`, { method: "POST", body: form });
  if (response.status !== 202) throw new Error(`upload answered ${response.status}: ${await response.text()}`);
  return JSON.parse(await response.text()) as AnalysisBody;
}

async function waitUntilDone(base: string, created: AnalysisBody): Promise<void> {
  for (;;) {
    const view = JSON.parse(await (await fetch(`${base}/api/analyses/${created.id}`)).text()) as AnalysisBody;
    if (view.job.status === "completed") return;
    if (view.job.status === "failed" || view.job.status === "cancelled") throw new Error(`analysis ${view.job.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const service = await openService(config);
  const running = await startServer({ config, service, logger: pino({ level: "warn" }), host: "127.0.0.1", port: 0 });
  const base = running.url;
  try {
    const wavBytes = async (seconds: number) => {
      const path = join(home, `bench-${seconds}.wav`);
      await writeWav(path, musicLikeSignal(seconds, 44100));
      return new Uint8Array(readFileSync(path));
    };
    const short = await wavBytes(10);
    const first = await upload(base, short);
    await waitUntilDone(base, first);
    const reads = await autocannon({
      url: `${base}/api/analyses/${first.id}`,
      connections: 10,
      duration: quick ? 2 : 5,
    });

    /** Uploads `total` copies of `bytes`, `inFlight` at a time, each waited for; analyses per minute. */
    const throughput = async (bytes: Uint8Array<ArrayBuffer>, total: number, inFlight: number) => {
      let started = 0;
      const began = performance.now();
      const client = async () => {
        while (started < total) {
          started += 1;
          await waitUntilDone(base, await upload(base, bytes));
        }
      };
      await Promise.all(Array.from({ length: inFlight }, client));
      return total / ((performance.now() - began) / 60_000);
    };
    const inFlight = 4;
    const rows = [
      [
        "GET /api/analyses/:id (completed, with report)",
        reads.requests.average.toFixed(0),
        "requests/s",
        `p50 ${reads.latency.p50} ms, p99 ${reads.latency.p99} ms, ${reads.non2xx} non-2xx`,
      ],
    ];
    for (const [seconds, total] of quick
      ? [[10, 4]]
      : [
          [10, 16],
          [180, 8],
        ]) {
      const bytes = seconds === 10 ? short : await wavBytes(seconds!);
      const rate = await throughput(bytes, total!, inFlight);
      rows.push([
        `POST /api/analyses upload → completed (${seconds}-s stereo WAV)`,
        rate.toFixed(1),
        "analyses/min",
        `${total} uploads, ${inFlight} in flight, ${(bytes.length / 2 ** 20).toFixed(1)} MiB each`,
      ]);
    }
    const machine = describeMachine();
    const markdown = `# tonearm serve benchmark\n\n${machineMarkdown(machine)}\n\nRe-run with \`npm run bench:server\` (\`-- --quick\` for the short version). Service: SQLite, in-process worker threads (${config.jobs}); client and server on the same machine.\n\n${markdownTable(["what", "rate", "unit", "notes"], rows)}\n`;
    process.stdout.write(markdown);
    if (!quick && !process.argv.includes("--no-write")) {
      writeFileSync(join(repoRoot, "docs/bench-server.md"), markdown);
      process.stderr.write("written to docs/bench-server.md\n");
    }
  } finally {
    await running.app.close();
    await service.close();
    rmSync(home, { recursive: true, force: true });
  }
}

await main();
