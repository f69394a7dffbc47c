/**
 * The drum model as text, so the core can carry it in a TypeScript module and load it
 * without I/O: every tensor (input mean and scale, each layer's weights and biases) is
 * quantised to 16-bit integers with one scale per tensor (value = integer · scale; relative
 * error ≤ 2^−15 of the tensor's largest magnitude), little-endian, base64 (RFC 4648).
 */
import type { DrumFeatureLayout } from "./drum-frame-features.js";
import type { DrumDetector, DrumModel } from "./drum-model.js";
import type { DenseLayer } from "./drum-network.js";

export interface EncodedDrumModel {
  readonly layout: DrumFeatureLayout;
  readonly thresholds: Readonly<Record<DrumDetector, number>>;
  /** [inputs, outputs] of each layer. */
  readonly layerShapes: readonly (readonly [number, number])[];
  /** Scale of each tensor, in order: input mean, input scale, then weights and biases of each layer. */
  readonly tensorScales: readonly number[];
  /** The int16 values of every tensor, in the same order, base64. */
  readonly values: string;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

function tensorsOf(model: DrumModel): Float32Array[] {
  const { network } = model;
  return [network.inputMean, network.inputScale, ...network.layers.flatMap((layer) => [layer.weights, layer.biases])];
}

export function encodeDrumModel(model: DrumModel): EncodedDrumModel {
  const tensors = tensorsOf(model);
  const total = tensors.reduce((sum, tensor) => sum + tensor.length, 0);
  const bytes = new Uint8Array(2 * total);
  const tensorScales: number[] = [];
  let at = 0;
  for (const tensor of tensors) {
    let peak = 0;
    for (const value of tensor) peak = Math.max(peak, Math.abs(value));
    const scale = peak > 0 ? peak / 32767 : 1;
    tensorScales.push(scale);
    for (const value of tensor) {
      const integer = Math.max(-32767, Math.min(32767, Math.round(value / scale))) & 0xffff;
      bytes[at++] = integer & 0xff;
      bytes[at++] = integer >> 8;
    }
  }
  return {
    layout: model.network.layout,
    thresholds: model.thresholds,
    layerShapes: model.network.layers.map((layer) => [layer.inputs, layer.outputs] as const),
    tensorScales,
    values: toBase64(bytes),
  };
}

export function decodeDrumModel(encoded: EncodedDrumModel): DrumModel {
  const bytes = fromBase64(encoded.values);
  const lengths = [
    encoded.layerShapes[0]![0],
    encoded.layerShapes[0]![0],
    ...encoded.layerShapes.flatMap(([inputs, outputs]) => [inputs * outputs, outputs]),
  ];
  if (lengths.reduce((sum, length) => sum + 2 * length, 0) !== bytes.length) {
    throw new RangeError("decodeDrumModel: the values do not match the layer shapes");
  }
  let at = 0;
  const tensors = lengths.map((length, k) => {
    const scale = encoded.tensorScales[k]!;
    const tensor = new Float32Array(length);
    for (let i = 0; i < length; i++, at += 2) {
      const integer = bytes[at]! | (bytes[at + 1]! << 8);
      tensor[i] = (integer >= 0x8000 ? integer - 0x10000 : integer) * scale;
    }
    return tensor;
  });
  const layers: DenseLayer[] = encoded.layerShapes.map(([inputs, outputs], l) => ({
    inputs,
    outputs,
    weights: tensors[2 + 2 * l]!,
    biases: tensors[3 + 2 * l]!,
  }));
  return {
    network: { layout: encoded.layout, inputMean: tensors[0]!, inputScale: tensors[1]!, layers },
    thresholds: encoded.thresholds,
  };
}

function toBase64(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    out += BASE64[chunk >> 18]! + BASE64[(chunk >> 12) & 63]!;
    out += i + 1 < bytes.length ? BASE64[(chunk >> 6) & 63]! : "=";
    out += i + 2 < bytes.length ? BASE64[chunk & 63]! : "=";
  }
  return out;
}

/** Value of each base64 character by its code (−1: not base64). */
const BASE64_VALUE = (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < BASE64.length; i++) table[BASE64.charCodeAt(i)] = i;
  return table;
})();

function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, "");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const value = code < 128 ? BASE64_VALUE[code]! : -1;
    if (value < 0) throw new RangeError(`decodeDrumModel: invalid base64 character at ${i}`);
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[at++] = (buffer >> bits) & 0xff;
    }
  }
  return out;
}
