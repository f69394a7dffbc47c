import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { sine } from "../../core/test-helpers/signals.js";
import { idtapSpectrogramBytes, writeIdtapSpectrogram } from "./idtap-spectrogram.js";

const SR = 22_050;
let dir = "";
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("writeIdtapSpectrogram", () => {
  it("writes a gzipped [361, frames] uint8 matrix, highest frequency first, and its shape", async () => {
    dir = await mkdtemp(join(tmpdir(), "tonearm-idtap-"));
    const frequency = 75 * 2 ** (144 / 72); // 300 Hz: bin 144
    const shape = await writeIdtapSpectrogram(sine(frequency, SR, SR * 2), SR, dir);
    const json = JSON.parse(await readFile(join(dir, "spec_shape.json"), "utf8"));
    expect(json.shape).toEqual(shape.shape);
    const [rows, frames] = shape.shape;
    expect(rows).toBe(361);
    expect(shape.hopSeconds).toBeGreaterThan(0.011);
    expect(shape.hopSeconds).toBeLessThan(0.019);
    expect(frames).toBe(1 + Math.floor((SR * 2) / Math.round(shape.hopSeconds * SR)));
    const bytes = gunzipSync(await readFile(join(dir, "spec_data.gz")));
    expect(bytes.length).toBe(rows * frames);
    const t = frames >> 1;
    const column = Array.from({ length: rows }, (_, r) => bytes[r * frames + t]!);
    expect(column.indexOf(255)).toBe(360 - 144);
    expect(column[0]).toBeLessThan(64); // 2400 Hz: nothing there
  });

  it("gives the same bytes whatever the chunk length", () => {
    const signal = sine(500, SR, SR * 3);
    const a = idtapSpectrogramBytes(signal, SR, { chunkSeconds: 600, ceilingDb: 0 });
    const b = idtapSpectrogramBytes(signal, SR, { chunkSeconds: 0.7, ceilingDb: 0 });
    expect(b.shape).toEqual(a.shape);
    let differing = 0;
    for (let i = 0; i < a.bytes.length; i++) if (Math.abs(a.bytes[i]! - b.bytes[i]!) > 1) differing++;
    expect(differing).toBe(0);
  });
});
