import { describe, expect, it } from "vitest";
import { createSeededRandom, randomInteger } from "../test-helpers/seeded-random.js";
import { mixChannelsInto, mixToMono } from "./mix-to-mono.js";

describe("mixToMono", () => {
  it("averages channels", () => {
    const mono = mixToMono({
      channels: [new Float32Array([1, 0.5, -1]), new Float32Array([0, 0.5, 1])],
      sampleRate: 8000,
    });
    expect(Array.from(mono)).toEqual([0.5, 0.5, 0]);
  });

  it("returns the single channel of a mono signal without copying", () => {
    const channel = new Float32Array([0.1, 0.2]);
    expect(mixToMono({ channels: [channel], sampleRate: 8000 })).toBe(channel);
  });

  it("writes into a supplied buffer and rejects a short one", () => {
    const signal = { channels: [new Float32Array([1, 1]), new Float32Array([0, 0])], sampleRate: 8000 };
    const out = new Float32Array(2);
    expect(mixToMono(signal, out)).toBe(out);
    expect(Array.from(out)).toEqual([0.5, 0.5]);
    expect(() => mixToMono(signal, new Float32Array(1))).toThrow(/out must hold 2/);
  });

  it("gives an empty mono signal for no channels", () => {
    expect(mixToMono({ channels: [], sampleRate: 8000 })).toHaveLength(0);
  });
});

describe("mixChannelsInto", () => {
  it("mixed chunk by chunk, equals mixToMono of the whole signal bit for bit", () => {
    const random = createSeededRandom(8);
    for (const channelCount of [0, 1, 2, 3, 6]) {
      for (const length of [0, 1, 7, 5000, 12_345]) {
        const channels = Array.from({ length: channelCount }, () =>
          new Float32Array(length).map(() => (random() < 0.001 ? Number.NaN : 2 * random() - 1)),
        );
        const expected = mixToMono({ channels, sampleRate: 8000 }, new Float32Array(length));
        const mixed = new Float32Array(length);
        const chunk = new Float32Array(length + 5);
        for (let start = 0; start < length; ) {
          const kind = random();
          const size = Math.min(length - start, kind < 0.2 ? 0 : kind < 0.4 ? 1 : randomInteger(random, 2, 3000));
          // Chunk arrays longer than `length`, and an out buffer with room to spare.
          const parts = channels.map((samples) => {
            const part = new Float32Array(size + 2).fill(9);
            part.set(samples.subarray(start, start + size));
            return part;
          });
          chunk.fill(7);
          mixChannelsInto(parts, size, chunk);
          expect(chunk[size]).toBe(7);
          mixed.set(chunk.subarray(0, size), start);
          start += size;
        }
        const bits = (values: Float32Array) => new Uint32Array(values.buffer, values.byteOffset, values.length);
        expect(bits(mixed)).toEqual(bits(expected));
      }
    }
  });

  it("rejects a short out buffer or channel", () => {
    expect(() => mixChannelsInto([new Float32Array(3)], 3, new Float32Array(2))).toThrow(/out must hold 3/);
    expect(() => mixChannelsInto([new Float32Array(3), new Float32Array(2)], 3, new Float32Array(3))).toThrow(/2 < 3/);
  });
});
