import { describe, expect, it } from "vitest";
import { predictInPool } from "./worker-pool.js";

const FAKE_WORKER = new URL("./fixtures/fake-prediction-worker.ts", import.meta.url);
const jobs = Array.from({ length: 6 }, (_, i) => ({ audioPath: `/audio/${i}.wav`, outputPath: `/out/${i}.json` }));

describe("predictInPool", () => {
  it("spreads jobs over worker threads and returns outcomes in job order", async () => {
    const seen: number[] = [];
    const outcomes = await predictInPool(jobs, 2, (_, done) => seen.push(done), FAKE_WORKER);
    expect(outcomes.map((outcome) => outcome.audioPath)).toEqual(jobs.map((job) => job.audioPath));
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(outcomes.map((outcome) => outcome.fields[0])).size).toBe(2);
  });

  it("records a job whose worker dies as failed and carries on with a new worker", async () => {
    const crashing = [{ audioPath: "/audio/crash.wav", outputPath: "/out/crash.json" }, ...jobs.slice(0, 3)];
    const outcomes = await predictInPool(crashing, 2, () => {}, FAKE_WORKER);
    expect(outcomes[0]?.failure).toEqual({ code: "WORKER_EXITED", message: "worker exited with code 3" });
    expect(outcomes.slice(1).every((outcome) => outcome.failure === undefined && outcome.fields.length === 1)).toBe(
      true,
    );
  });
});
