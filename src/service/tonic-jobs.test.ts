/**
 * "Update all tonics" end to end through openService on SQLite, with real worker threads:
 * synthesised recordings are submitted as analyses (the key analysis stores a report), then
 * the tonic-update job estimates their tonics — a tanpura-like drone on D3 (146.83 Hz) under a
 * melody comes back within 20 cents; a manual tonic is kept unless forced; a recording whose
 * audio is gone is skipped, one that cannot be decoded fails with its reason, and the job goes on.
 */
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hzToCents } from "../core/pitch/hz-to-cents.js";
import { mix, tanpuraDrone, wanderingMelody } from "../core/pitch/test-helpers/tonic-signals.js";
import { addChord, midiToHz } from "../core/test-helpers/harmonic-signals.js";
import { writeWav } from "../io/wav-writer.js";
import { createTestDatabase, type TestDatabase } from "../store/test-helpers/test-databases.js";
import type { TonicUpdateOutput } from "./job-payloads.js";
import { type OpenedTonearmService, openService } from "./open-service.js";
import type { AnalysisView, JobEvent } from "./service.js";
import { testConfig } from "./test-helpers/test-config.js";

const RATE = 22_050;
const SA_HZ = 146.83;

async function writeMono(path: string, samples: Float32Array): Promise<void> {
  await writeWav(path, { channels: [samples], sampleRate: RATE });
}

/** The D major scale up, twice, 0.4 s a note: no note lasts long enough to pass for a drone. */
function dMajorMelody(): Float32Array {
  const notes = [62, 64, 66, 67, 69, 71, 73, 74, 74, 73, 71, 69, 67, 66, 64, 62];
  const noteLength = Math.round(0.4 * RATE);
  const samples = new Float32Array(notes.length * noteLength);
  for (const [i, midi] of notes.entries())
    addChord(samples, RATE, i * noteLength, noteLength, [midi], { amplitude: 0.3 });
  return samples;
}

describe("tonic-update jobs", () => {
  let database: TestDatabase;
  let service: OpenedTonearmService;
  const recordings: Record<"raga" | "drone" | "gone" | "broken" | "western", AnalysisView | undefined> = {
    raga: undefined,
    drone: undefined,
    gone: undefined,
    broken: undefined,
    western: undefined,
  };

  function watchToEnd(jobId: string): Promise<JobEvent[]> {
    return new Promise((resolve, reject) => {
      const events: JobEvent[] = [];
      service
        .watchJob(jobId, (event) => {
          events.push(event);
          if (["completed", "failed", "cancelled"].includes(event.status)) resolve(events);
        })
        .catch(reject);
    });
  }

  async function submit(path: string, name: string): Promise<AnalysisView> {
    const submitted = await service.submitAnalysis({
      kind: "analysis",
      audio: { path, originalName: name, owned: false },
      analyses: ["key"],
    });
    await watchToEnd(submitted.job.id);
    return submitted;
  }

  async function updateAll(request: { onlyMissing?: boolean; force?: boolean }): Promise<TonicUpdateOutput> {
    const job = await service.tonics.updateAllTonics(request);
    expect(job).toMatchObject({ kind: "tonic-update", status: "queued", analysisId: null });
    const events = await watchToEnd(job.id);
    expect(events.at(-1)).toMatchObject({ status: "completed", progress: 1 });
    const progress = events.filter((event) => event.status === "running").map((event) => event.progress);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    const done = await service.getJob(job.id);
    return done?.result as TonicUpdateOutput;
  }

  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    const folder = database.directory;
    service = await openService(testConfig(join(folder, "home")), { pollIntervalMs: 50, heartbeatMs: 200 });
    const paths = {
      raga: join(folder, "raga.wav"),
      drone: join(folder, "drone.wav"),
      gone: join(folder, "gone.wav"),
      broken: join(folder, "broken.wav"),
      western: join(folder, "western.wav"),
    };
    await writeMono(paths.raga, mix(tanpuraDrone(SA_HZ, RATE, 8), wanderingMelody(SA_HZ, RATE, 8, 7).samples));
    await writeMono(paths.drone, mix(tanpuraDrone(207.65, RATE, 6), wanderingMelody(207.65, RATE, 6, 11).samples));
    await writeMono(paths.gone, tanpuraDrone(138, RATE, 2));
    await writeFile(paths.broken, "RIFF....WAVEfmt this is not audio");
    await writeMono(paths.western, dMajorMelody());
    for (const name of Object.keys(paths) as (keyof typeof paths)[]) {
      recordings[name] = await submit(paths[name], `${name}.wav`);
    }
    await rm(paths.gone);
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    await database?.dispose();
  });

  it("estimates every recording with audio, keeps a manual tonic, and reports skips and failures", async () => {
    const manual = await service.tonics.setTonic(recordings.drone!.id, 210);
    expect(manual).toMatchObject({ source: "manual", confidence: null, pitchClass: 8, octave: 3, note: "Ab3" });

    const result = await updateAll({});
    expect(result).toMatchObject({ recordings: 5, updated: 2, skipped: { noAudio: 1, manual: 1, existing: 0 } });
    expect(result.failed).toBe(1);
    expect(result.failures).toEqual([
      expect.objectContaining({ analysisId: recordings.broken!.id, fileName: "broken.wav" }),
    ]);
    expect(result.failures[0]!.code).not.toBe("INTERNAL");

    const raga = await service.tonics.getTonic(recordings.raga!.id);
    expect(raga).toMatchObject({ source: "estimated", pitchClass: 2, octave: 3, note: "D3", method: "drone+melody" });
    expect(Math.abs(hzToCents(raga!.hz, SA_HZ))).toBeLessThan(20);
    expect(raga!.confidence).toBeGreaterThan(0.3);
    expect(await service.tonics.getTonic(recordings.drone!.id)).toMatchObject({ hz: 210, source: "manual" });
    expect(await service.tonics.getTonic(recordings.gone!.id)).toBeNull();
  });

  it("takes the stored report's key as the hint for music without a drone", async () => {
    const report = (await service.getAnalysis(recordings.western!.id))?.report;
    const key = report?.analyses.key;
    expect(key?.tonicPitchClass).not.toBeNull();
    const tonic = await service.tonics.getTonic(recordings.western!.id);
    expect(tonic).toMatchObject({ method: "key", pitchClass: key!.tonicPitchClass });
    expect(tonic!.details.key).toMatchObject({ tonicPitchClass: key!.tonicPitchClass, mode: key!.mode });
    // In the melody's own register (D4 … D5).
    expect(tonic!.hz).toBeGreaterThan(midiToHz(55));
    expect(tonic!.hz).toBeLessThan(midiToHz(75));
  });

  it("with onlyMissing leaves stored tonics alone; with force replaces the manual one", async () => {
    const before = await service.tonics.getTonic(recordings.raga!.id);
    const missing = await updateAll({ onlyMissing: true });
    expect(missing).toMatchObject({ updated: 0, skipped: { noAudio: 1, manual: 0, existing: 3 }, failed: 1 });
    expect((await service.tonics.getTonic(recordings.raga!.id))?.estimatedAt).toBe(before!.estimatedAt);

    const forced = await updateAll({ force: true });
    expect(forced).toMatchObject({ updated: 3, skipped: { noAudio: 1, manual: 0, existing: 0 }, failed: 1 });
    const drone = await service.tonics.getTonic(recordings.drone!.id);
    expect(drone).toMatchObject({ source: "estimated", pitchClass: 8, octave: 3 });
    expect(Math.abs(hzToCents(drone!.hz, 207.65))).toBeLessThan(20);
  });

  it("lists tonics with file names; refuses a second update while one is unfinished, and bad tonics", async () => {
    const page = await service.tonics.listTonics();
    expect(page.total).toBe(3);
    expect(page.items.map((item) => item.fileName).sort()).toEqual(["drone.wav", "raga.wav", "western.wav"]);

    const first = await service.tonics.updateAllTonics({ onlyMissing: true });
    await expect(service.tonics.updateAllTonics()).rejects.toMatchObject({ code: "CONFLICT" });
    await watchToEnd(first.id);

    await expect(service.tonics.setTonic(recordings.raga!.id, 5)).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(service.tonics.setTonic(recordings.raga!.id, Number.NaN)).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
    const unknown = "00000000-0000-4000-8000-000000000000";
    await expect(service.tonics.getTonic(unknown)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(service.tonics.setTonic(unknown, 200)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Deleting the analysis deletes its tonic.
    await service.deleteAnalysis(recordings.western!.id);
    expect((await service.tonics.listTonics()).total).toBe(2);
  });
});
