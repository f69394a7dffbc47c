/**
 * `tonearm melograph` in process (runMelograph, as main.ts dispatches it): an image of the
 * asked size whose contour pixels sit at the glide's rows, JSON f0 matching the known
 * pitch, the tonic of a drone reported, and usage errors as INVALID_OPTION.
 */
import { readFile } from "node:fs/promises";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hzToCents } from "../core/pitch/hz-to-cents.js";
import { PYIN_DEFAULTS } from "../core/pitch/pyin.js";
import { mix, tanpuraDrone, wanderingMelody } from "../core/pitch/test-helpers/tonic-signals.js";
import { createFixtureDir, type FixtureDir } from "../io/test-helpers/fixtures.js";
import { writeWav } from "../io/wav-writer.js";
import { runMelograph } from "./commands/melograph.js";

const RATE = 22_050;
const SECONDS = 4;

/** 200 Hz rising to 400 Hz over the 4 s (one octave, log-linear), ±20-cent vibrato at 5 Hz. */
function glideHz(time: number): number {
  return 200 * 2 ** (time / SECONDS + (20 / 1200) * Math.sin(2 * Math.PI * 5 * time));
}

async function run(args: readonly string[]): Promise<{ status: number; stdout: string }> {
  let stdout = "";
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  try {
    return { status: await runMelograph(args), stdout };
  } finally {
    spy.mockRestore();
  }
}

describe("tonearm melograph", () => {
  let fixtures: FixtureDir;
  let glide: string;
  let drone: string;

  beforeAll(async () => {
    fixtures = await createFixtureDir("cli-melograph");
    const samples = new Float32Array(RATE * SECONDS);
    let phase = 0;
    for (let n = 0; n < samples.length; n++) {
      samples[n] = 0.4 * Math.sin(phase) + 0.15 * Math.sin(2 * phase);
      phase += (2 * Math.PI * glideHz(n / RATE)) / RATE;
    }
    glide = fixtures.file("glide.wav");
    await writeWav(glide, { channels: [samples], sampleRate: RATE });
    drone = fixtures.file("drone.wav");
    const melody = wanderingMelody(138, RATE, 8, 7).samples;
    await writeWav(drone, { channels: [mix(tanpuraDrone(138, RATE, 8), melody)], sampleRate: RATE });
  });

  afterAll(async () => {
    await fixtures?.remove();
  });

  it("draws the glide at its rows and writes its f0 as JSON", async () => {
    const out = fixtures.file("glide.png");
    const json = fixtures.file("glide.json");
    const args = ["--fmin", "100", "--fmax", "800", "--tonic", "200", "--width", "400", "--height", "300"];
    const result = await run([glide, "-o", out, "--json", json, ...args]);
    expect(result.status).toBe(0);
    const { data, info } = await sharp(await readFile(out))
      .raw()
      .toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([400, 300]);
    // At 1 s and 3 s the contour (yellow: red high, blue low) is at the row of the true pitch.
    for (const time of [1, 3]) {
      const x = Math.round((time / SECONDS) * info.width);
      const rows: number[] = [];
      for (let y = 0; y < info.height; y++) {
        const i = (y * info.width + x) * info.channels;
        if (data[i]! > 200 && data[i + 2]! < 100) rows.push(y);
      }
      const expected = info.height * (1 - Math.log2(glideHz(time) / 100) / 3);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(Math.abs(row + 0.5 - expected)).toBeLessThanOrEqual(3);
    }
    const exported = JSON.parse(await readFile(json, "utf8")) as {
      times: number[];
      f0Hz: (number | null)[];
      cents: (number | null)[];
      tonicHz: number;
    };
    expect(exported.tonicHz).toBe(200);
    let checked = 0;
    exported.times.forEach((time, t) => {
      if (time < 0.2 || time > SECONDS - 0.2) return;
      // Each frame measures the audio pYIN's attack lookahead after its time.
      expect(Math.abs(hzToCents(exported.f0Hz[t]!, glideHz(time + PYIN_DEFAULTS.attackLookahead)))).toBeLessThan(15);
      expect(exported.cents[t]).toBeCloseTo(hzToCents(exported.f0Hz[t]!, 200), 0);
      checked++;
    });
    expect(checked).toBeGreaterThan(250);
  });

  it("estimates the tonic of a drone under a melody and draws over a spectrogram", async () => {
    const out = fixtures.file("drone.webp");
    const result = await run([drone, "-o", out, "--estimate-tonic", "--spectrogram", "--axes", "-w", "300"]);
    expect(result.status).toBe(0);
    const match = /tonic ([\d.]+) Hz \(C#3 −\d+ cents\), confidence ([\d.]+)/.exec(result.stdout);
    expect(match).not.toBeNull();
    expect(Math.abs(hzToCents(Number(match![1]), 138))).toBeLessThan(20);
    expect(Number(match![2])).toBeGreaterThan(0.3);
    const info = await sharp(await readFile(out)).metadata();
    expect([info.format, info.width, info.height]).toEqual(["webp", 300 + 64, 400 + 24]);
  });

  it("with --source mix draws the lead of a mix, not its louder bass", async () => {
    const samples = new Float32Array(RATE * SECONDS);
    for (let n = 0; n < samples.length; n++) {
      const time = n / RATE;
      let bass = 0;
      for (let h = 1; h <= 4; h++) bass += Math.sin(2 * Math.PI * 110 * h * time) / h;
      let lead = 0;
      if (time > 0.5 && time < 3.5) for (let h = 1; h <= 6; h++) lead += Math.sin(2 * Math.PI * 523.25 * h * time) / h;
      samples[n] = 0.3 * bass + 0.15 * lead;
    }
    const file = fixtures.file("bass-and-lead.wav");
    await writeWav(file, { channels: [samples], sampleRate: RATE });
    const json = fixtures.file("bass-and-lead.json");
    const result = await run([file, "-o", fixtures.file("bass-and-lead.png"), "--source", "mix", "--json", json]);
    expect(result.status).toBe(0);
    const exported = JSON.parse(await readFile(json, "utf8")) as { times: number[]; f0Hz: (number | null)[] };
    const middle = exported.f0Hz.filter((_hz, t) => exported.times[t]! > 1 && exported.times[t]! < 3);
    expect(middle.length).toBeGreaterThan(50);
    const onLead = middle.filter((hz) => hz !== null && Math.abs(hzToCents(hz, 523.25)) < 30);
    expect(onLead.length).toBeGreaterThan(0.9 * middle.length);
    await expect(run([file, "-o", fixtures.file("x.png"), "--source", "band"])).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
  });

  it("refuses conflicting or impossible options", async () => {
    const out = fixtures.file("x.png");
    await expect(run([glide, "-o", out, "--tonic", "200", "--estimate-tonic"])).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
    await expect(run([glide, "-o", fixtures.file("x.gif")])).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(run([glide, "-o", out, "--fmin", "500", "--fmax", "400"])).rejects.toMatchObject({
      code: "INVALID_OPTION",
    });
    await expect(run([glide])).rejects.toMatchObject({ code: "INVALID_OPTION" });
  });
});
