import { describe, expect, it } from "vitest";
import { createGaussianRandom } from "../../test-helpers/seeded-random.js";
import type { DrumModel } from "./drum-model.js";
import { decodeDrumModel, encodeDrumModel } from "./drum-model-codec.js";
import { TRAINED_DRUM_MODELS } from "./trained-drum-models.js";

describe("drum model codec", () => {
  it("round-trips a model within 16-bit quantisation", () => {
    const gaussian = createGaussianRandom(5);
    const tensor = (length: number, scale = 1) => Float32Array.from({ length }, () => scale * gaussian());
    const model: DrumModel = {
      network: {
        layout: { poolEdgesHz: [50, 100, 200], windowFrom: -1, windowTo: 1, spans: [[2, 4]], levelGain: 100 },
        inputMean: tensor(7),
        inputScale: tensor(7, 3),
        layers: [
          { inputs: 7, outputs: 4, weights: tensor(28), biases: tensor(4) },
          { inputs: 4, outputs: 7, weights: tensor(28, 0.01), biases: new Float32Array(7) },
        ],
      },
      thresholds: { kick: 0.5, snare: 0.45, tom: 0.3, hihat: 0.4, cymbal: 0.35 },
    };
    const decoded = decodeDrumModel(JSON.parse(JSON.stringify(encodeDrumModel(model))));
    expect(decoded.thresholds).toEqual(model.thresholds);
    expect(decoded.network.layout).toEqual(model.network.layout);
    const pairs: [Float32Array, Float32Array][] = [
      [decoded.network.inputMean, model.network.inputMean],
      [decoded.network.inputScale, model.network.inputScale],
      ...model.network.layers.flatMap((layer, l): [Float32Array, Float32Array][] => [
        [decoded.network.layers[l]!.weights, layer.weights],
        [decoded.network.layers[l]!.biases, layer.biases],
      ]),
    ];
    for (const [actual, expected] of pairs) {
      const peak = Math.max(...Array.from(expected, Math.abs));
      expected.forEach((value, i) => {
        expect(Math.abs(actual[i]! - value)).toBeLessThanOrEqual(peak / 32767 + 1e-9);
      });
    }
  });

  it("the shipped models decode to consistent networks", () => {
    for (const { network, thresholds } of TRAINED_DRUM_MODELS) {
      expect(network.layers.at(-1)!.outputs).toBe(7);
      for (let l = 1; l < network.layers.length; l++) {
        expect(network.layers[l]!.inputs).toBe(network.layers[l - 1]!.outputs);
      }
      for (const threshold of Object.values(thresholds)) expect(threshold).toBeGreaterThan(0);
      expect(network.layers.every((layer) => layer.weights.every(Number.isFinite))).toBe(true);
    }
  });

  it("rejects values that do not fit the shapes", () => {
    const encoded = encodeDrumModel(TRAINED_DRUM_MODELS[0]!);
    expect(() => decodeDrumModel({ ...encoded, values: encoded.values.slice(0, 40) })).toThrow(/shapes/);
  });
});
