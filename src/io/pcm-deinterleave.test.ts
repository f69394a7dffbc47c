import { describe, expect, it } from "vitest";
import { deinterleavePcm } from "./pcm-deinterleave.js";

function interleavedFloats(frames: number, channels: number): Float32Array {
  const samples = new Float32Array(frames * channels);
  for (let i = 0; i < samples.length; i++) samples[i] = Math.fround(Math.sin(i * 0.37) * (1 + (i % channels)));
  return samples;
}

describe("deinterleavePcm", () => {
  it.each([1, 2, 3, 6])("copies %i-channel float samples exactly, from any output offset", (channels) => {
    const frames = 1000;
    const interleaved = interleavedFloats(frames, channels);
    const outputs = Array.from({ length: channels }, () => new Float32Array(frames + 5));
    deinterleavePcm(new Uint8Array(interleaved.buffer), "pcm_f32le", channels, frames, outputs, 5);
    for (let channel = 0; channel < channels; channel++) {
      for (let frame = 0; frame < frames; frame++) {
        expect(outputs[channel]![5 + frame]).toBe(interleaved[frame * channels + channel]);
      }
      expect(outputs[channel]![0]).toBe(0);
    }
  });

  it("mixes float channels to their mean when given one output", () => {
    const interleaved = Float32Array.of(0.5, -0.25, 1, 1);
    const [mono] = [new Float32Array(2)];
    deinterleavePcm(new Uint8Array(interleaved.buffer), "pcm_f32le", 2, 2, [mono!], 0);
    expect(Array.from(mono!)).toEqual([0.125, 1]);
  });

  it("scales 16-bit samples to [−1, 1)", () => {
    const interleaved = Int16Array.of(-32768, 16384, 0, 32767);
    const outputs = [new Float32Array(2), new Float32Array(2)];
    deinterleavePcm(new Uint8Array(interleaved.buffer), "pcm_s16le", 2, 2, outputs, 0);
    expect(Array.from(outputs[0]!)).toEqual([-1, 0]);
    expect(Array.from(outputs[1]!)).toEqual([0.5, Math.fround(32767 / 32768)]);
  });
});
