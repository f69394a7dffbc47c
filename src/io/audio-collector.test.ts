import { describe, expect, it } from "vitest";
import { createAudioCollector, EXACT_LENGTH_HEADROOM } from "./audio-collector.js";

/** A planar chunk of `channels` channels in which channel c of frame f holds start + f + c / 10. */
function chunk(start: number, frames: number, channels: number): Float32Array[] {
  return Array.from({ length: channels }, (_, c) =>
    Float32Array.from({ length: frames }, (_, f) => start + f + c / 10),
  );
}

describe("createAudioCollector", () => {
  it("collects chunks in order into planar channels at the stream's rate", () => {
    const collector = createAudioCollector();
    collector.start({ sampleRate: 8000, channelCount: 2, expectedFrames: 5 });
    collector.write(chunk(0, 3, 2), 3);
    collector.write(chunk(3, 2, 2), 2);
    collector.end();
    const { channels, sampleRate } = collector.finish();
    expect(sampleRate).toBe(8000);
    expect(Array.from(channels[0]!)).toEqual([0, 1, 2, 3, 4]);
    expect(Array.from(channels[1]!)).toEqual([0.1, 1.1, 2.1, 3.1, 4.1].map(Math.fround));
  });

  it("copies each chunk (the decoder reuses its buffers) and reads only `length` frames of it", () => {
    const collector = createAudioCollector();
    collector.start({ sampleRate: 8000, channelCount: 1, expectedFrames: null });
    const reused = [new Float32Array([1, 2, 3, 4])];
    collector.write(reused, 2);
    reused[0]!.set([5, 6, 7, 8]);
    collector.write(reused, 3);
    collector.end();
    expect(Array.from(collector.finish().channels[0]!)).toEqual([1, 2, 5, 6, 7]);
  });

  it("preallocates the declared length plus 1 % and 1 s, keeping small slack behind a view", () => {
    const collector = createAudioCollector();
    collector.start({ sampleRate: 1000, channelCount: 1, expectedFrames: 100_000 });
    collector.write(chunk(0, 100_000, 1), 100_000);
    collector.end();
    const [samples] = collector.finish().channels;
    expect(samples).toHaveLength(100_000);
    expect(samples!.buffer.byteLength).toBe((100_000 * 1.01 + 1000) * 4);
  });

  it("allocates exactly the declared length when told it is exact", () => {
    const collector = createAudioCollector(EXACT_LENGTH_HEADROOM);
    collector.start({ sampleRate: 1000, channelCount: 1, expectedFrames: 5000 });
    collector.write(chunk(0, 5000, 1), 5000);
    collector.end();
    expect(collector.finish().channels[0]!.buffer.byteLength).toBe(5000 * 4);
  });

  it("grows past a short or unknown declaration and keeps every frame", () => {
    for (const expectedFrames of [null, 10]) {
      const collector = createAudioCollector(EXACT_LENGTH_HEADROOM);
      collector.start({ sampleRate: 1000, channelCount: 3, expectedFrames });
      for (let start = 0; start < 50_000; start += 5000) collector.write(chunk(start, 5000, 3), 5000);
      collector.end();
      expect(collector.length).toBe(50_000);
      const { channels } = collector.finish();
      expect(channels[2]).toHaveLength(50_000);
      expect(channels[0]![49_999]).toBe(49_999);
      expect(channels[2]![12_345]).toBeCloseTo(12_345.2, 2);
    }
  });

  it("refuses calls out of order and bad headroom", () => {
    const collector = createAudioCollector();
    expect(() => collector.write(chunk(0, 1, 1), 1)).toThrow("write() outside start() … end()");
    expect(() => collector.finish()).toThrow("finish() before end()");
    collector.start({ sampleRate: 1000, channelCount: 2, expectedFrames: 10 });
    expect(() => collector.start({ sampleRate: 1000, channelCount: 2, expectedFrames: 10 })).toThrow("twice");
    expect(() => collector.write(chunk(0, 1, 1), 1)).toThrow("expected 2 channels, got 1");
    expect(() => collector.finish()).toThrow("finish() before end()");
    expect(() => createAudioCollector({ headroomSeconds: -1 })).toThrow(RangeError);
  });
});
