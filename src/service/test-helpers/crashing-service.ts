/**
 * A child process for the restart-recovery test: opens the service on the SQLite database in
 * the home directory given as argv[2], submits an analysis of argv[3] (a job whose worker
 * holds for TONEARM_TEST_JOB_HOLD_MS first), prints `{"analysisId", "jobId"}` once the job is
 * running, and then waits to be killed.
 */
import { openService } from "../open-service.js";
import { testConfig } from "./test-config.js";

const [home, wav] = process.argv.slice(2);
if (!home || !wav) throw new Error("usage: crashing-service HOME WAV");
const service = await openService(testConfig(home), {
  workerUrl: new URL("./slow-job-worker.ts", import.meta.url),
  heartbeatMs: 100,
});
const analysis = await service.submitAnalysis({
  kind: "analysis",
  audio: { path: wav, originalName: "crash.wav", owned: false },
  analyses: ["loudness"],
});
await service.watchJob(analysis.job.id, (event) => {
  if (event.stage === "hold") {
    process.stdout.write(`${JSON.stringify({ analysisId: analysis.id, jobId: analysis.job.id })}\n`);
  }
});
setInterval(() => {}, 60_000);
