import { describe, expect, it } from "vitest";
import { loadAccelerators } from "../../accel/wasm-kernels.js";
import { createRealFft } from "../../core/dsp/real-fft.js";
import { clickTrain, sumOfSines, whiteNoise } from "../../core/test-helpers/signals.js";
import type { AudioSignal } from "../../core/types.js";
import { createTrackIngest, type IngestedTrack, type IngestPass, ingestSignal } from "./track-ingest.js";

/** A music-like stereo signal: a chord, a click track at 120 BPM, quiet noise, a clipped burst. */
function musicLike(sampleRate: number, seconds: number): AudioSignal {
  const length = Math.round(sampleRate * seconds);
  const chord = sumOfSines(
    [
      [220, 0.2],
      [277.18, 0.15],
      [329.63, 0.15],
      [5000, 0.02],
    ],
    sampleRate,
    length,
  );
  const clicks = clickTrain(120, sampleRate, length);
  const channels = [0, 1].map((c) => {
    const noise = whiteNoise(length, 7 + c, 0.01);
    const samples = chord.map((value, i) => value + 0.8 * clicks[i]! + noise[i]!);
    samples.fill(c === 0 ? 1 : -1, Math.round(length / 3), Math.round(length / 3) + 20);
    return samples;
  });
  return { channels, sampleRate };
}

/** Every typed array and number of the two results, compared bit for bit (NaN equal to NaN). */
function expectSame(actual: unknown, expected: unknown, path = "track"): void {
  if (ArrayBuffer.isView(expected)) {
    const a = Array.from(actual as Float32Array);
    const b = Array.from(expected as Float32Array);
    expect(a.length, path).toBe(b.length);
    const first = a.findIndex((value, i) => !Object.is(value, b[i]) && !(Number.isNaN(value) && Number.isNaN(b[i])));
    expect(first, path).toBe(-1);
  } else if (Array.isArray(expected)) {
    for (const [i, value] of expected.entries()) expectSame((actual as unknown[])[i], value, `${path}[${i}]`);
  } else if (expected !== null && typeof expected === "object") {
    for (const key of Object.keys(expected)) {
      expectSame(
        (actual as Record<string, unknown>)[key],
        (expected as Record<string, unknown>)[key],
        `${path}.${key}`,
      );
    }
  } else {
    expect(actual, path).toEqual(expected);
  }
}

function ingest(audio: AudioSignal, passes: readonly IngestPass[], accelerated: boolean): IngestedTrack {
  return ingestSignal(
    audio,
    createTrackIngest({
      passes,
      fftFactory: createRealFft,
      accelerators: accelerated ? loadAccelerators() : undefined,
    }),
  );
}

describe("track ingest with the WebAssembly accelerators", () => {
  it("offers every kernel on this Node", () => {
    const accelerators = loadAccelerators();
    expect(accelerators.tonalSpectrumKernel).toBeDefined();
    expect(accelerators.rhythmSpectrumKernel).toBeDefined();
    expect(accelerators.foldedDct).toBeDefined();
    expect(accelerators.channelBlockKernels).toBeDefined();
  });

  for (const [sampleRate, passes] of [
    [44_100, ["tonal", "rhythm"]],
    [48_000, ["tonal", "rhythm", "loudness"]],
    [22_050, ["rhythm"]],
    [44_100, ["tonal", "rhythm", "loudness", "mastering"]],
  ] as const) {
    it(`gives every frame pass and level figure bit for bit as the TypeScript loops (${sampleRate} Hz, ${passes.join(" + ")})`, () => {
      const audio = musicLike(sampleRate, 6.3);
      expectSame(ingest(audio, passes, true), ingest(audio, passes, false));
    });
  }

  it("gives the same frames whether the expected length was right, short or unknown (rows grow)", () => {
    const audio = musicLike(44_100, 9);
    const length = audio.channels[0]!.length;
    const run = (expectedFrames: number | null, accelerated: boolean) => {
      const ingest = createTrackIngest({
        passes: ["tonal", "rhythm"],
        fftFactory: createRealFft,
        accelerators: accelerated ? loadAccelerators() : undefined,
      });
      ingest.start({ sampleRate: 44_100, channelCount: 2, expectedFrames });
      for (let from = 0; from < length; from += 5000) {
        const to = Math.min(length, from + 5000);
        ingest.write(
          audio.channels.map((channel) => channel.subarray(from, to)),
          to - from,
        );
      }
      ingest.end();
      return ingest.result();
    };
    const reference = run(length, false);
    for (const expectedFrames of [null, 1000, length >> 1]) {
      expectSame(run(expectedFrames, false), reference, `TypeScript, expected ${expectedFrames}`);
      expectSame(run(expectedFrames, true), reference, `WebAssembly, expected ${expectedFrames}`);
    }
  });

  it("keeps NaN samples where the TypeScript loops keep them", () => {
    const audio = musicLike(44_100, 2);
    audio.channels[0]![12_345] = Number.NaN;
    audio.channels[1]![50_000] = Number.POSITIVE_INFINITY;
    expectSame(ingest(audio, ["tonal", "rhythm"], true), ingest(audio, ["tonal", "rhythm"], false));
  });
});
