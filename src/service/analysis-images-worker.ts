/**
 * Worker-thread entry of the render pool (analysis-images.ts): one RenderTask per message
 * (protocol of src/jobs/worker-pool.ts), rendered by analysis-images-render.ts; the reply is
 * an empty result (the files are in the task's folder) or the error's code and message.
 */
import { parentPort } from "node:worker_threads";
import { summariseError } from "../analysis/errors.js";
import type { WorkerReply } from "../jobs/worker-pool.js";
import { type RenderTask, renderProduct } from "./analysis-images-render.js";

const port = parentPort;
if (!port) throw new Error("analysis-images-worker must run in a worker thread");

port.on("message", async ({ id, task }: { id: number; task: RenderTask }) => {
  const send = (reply: WorkerReply<null, never>) => port.postMessage(reply);
  try {
    await renderProduct(task);
    send({ id, type: "result", result: null });
  } catch (error) {
    send({ id, type: "error", error: summariseError(error) });
  }
});
