/** Worker-thread entry: analyses one file per message and posts progress and the report. */
import { parentPort } from "node:worker_threads";
import { analyze } from "../analyze.js";
import type { WorkerReply } from "../jobs/worker-pool.js";
import type { AnalyzeProgress, AnalyzeResult, AnalyzeTask } from "./analyze-task.js";
import { summariseError } from "./describe-error.js";

const port = parentPort;
if (!port) throw new Error("analyze-worker must run in a worker thread");

port.on("message", async ({ id, task }: { id: number; task: AnalyzeTask }) => {
  const send = (reply: WorkerReply<AnalyzeResult, AnalyzeProgress>) => port.postMessage(reply);
  try {
    const report = await analyze(task.path, {
      ...task.options,
      onProgress: (progress) => send({ id, type: "progress", progress }),
    });
    send({ id, type: "result", result: report });
  } catch (error) {
    send({ id, type: "error", error: summariseError(error) });
  }
});
