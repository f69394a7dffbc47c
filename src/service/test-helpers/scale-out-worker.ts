/**
 * A `tonearm worker` for the scale-out test, as a child process: the service with BullMQ on
 * the Redis of TONEARM_REDIS_URL under the key prefix argv[3], the database of
 * TONEARM_DATABASE_URL in schema argv[4] (home argv[2]), one job at a time, short lock and
 * stall timings, jobs that hold for TONEARM_TEST_JOB_HOLD_MS. Prints `ready <workerId>`, and
 * closes gracefully on SIGTERM.
 */
import { loadConfig } from "../../config/load-config.js";
import { openService } from "../open-service.js";

const [home, prefix, schema] = process.argv.slice(2);
if (!home || !prefix || !schema) throw new Error("usage: scale-out-worker HOME PREFIX SCHEMA");
const service = await openService(loadConfig({ home, jobs: 1 }), {
  runJobs: true,
  bullmqPrefix: prefix,
  postgresSchema: schema,
  workerUrl: new URL("./slow-job-worker.ts", import.meta.url),
  heartbeatMs: 200,
  lockDurationMs: 2_000,
  stalledIntervalMs: 500,
  recoveryIntervalMs: 1_000,
});
process.stdout.write(`ready ${service.workerId}\n`);
const keepAlive = setInterval(() => {}, 3_600_000);
process.once("SIGTERM", () => {
  clearInterval(keepAlive);
  service.close().then(() => process.exit(0));
});
