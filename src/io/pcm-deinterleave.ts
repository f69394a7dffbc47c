/**
 * Converts interleaved little-endian PCM (unsigned 8-bit, signed 16/24/32-bit,
 * IEEE float 32/64) straight into planar Float32Arrays, or into one mono channel
 * (the mean of all channels). Integer scaling is x / 2^(bits−1), so full scale maps
 * to [−1, 1) — the convention of libsndfile, SoX and ffmpeg; 8-bit WAV is
 * offset binary (128 = silence), per the Microsoft RIFF/WAVE specification.
 */

/** The sample encodings read without ffmpeg; names follow ffmpeg's codec names. */
export type PcmEncoding = "pcm_u8" | "pcm_s16le" | "pcm_s24le" | "pcm_s32le" | "pcm_f32le" | "pcm_f64le";

/** Bytes per sample of each encoding. */
export const PCM_SAMPLE_BYTES: Readonly<Record<PcmEncoding, number>> = {
  pcm_u8: 1,
  pcm_s16le: 2,
  pcm_s24le: 3,
  pcm_s32le: 4,
  pcm_f32le: 4,
  pcm_f64le: 8,
};

const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** True if `name` is one of the encodings `deinterleavePcm` reads. */
export function isPcmEncoding(name: string): name is PcmEncoding {
  return Object.hasOwn(PCM_SAMPLE_BYTES, name);
}

/** A typed view over the samples, or null for 24-bit (read byte by byte). */
function sampleView(bytes: Uint8Array, encoding: PcmEncoding, count: number): ArrayLike<number> | null {
  const { buffer, byteOffset } = bytes;
  switch (encoding) {
    case "pcm_u8":
      return bytes;
    case "pcm_s16le":
      return new Int16Array(buffer, byteOffset, count);
    case "pcm_s32le":
      return new Int32Array(buffer, byteOffset, count);
    case "pcm_f32le":
      return new Float32Array(buffer, byteOffset, count);
    case "pcm_f64le":
      return new Float64Array(buffer, byteOffset, count);
    case "pcm_s24le":
      return null;
  }
}

const SCALE: Readonly<Record<PcmEncoding, number>> = {
  pcm_u8: 1 / 128,
  pcm_s16le: 1 / 32768,
  pcm_s24le: 1 / 8388608,
  pcm_s32le: 1 / 2147483648,
  pcm_f32le: 1,
  pcm_f64le: 1,
};

function readS24(bytes: Uint8Array, sampleIndex: number): number {
  const at = sampleIndex * 3;
  return ((bytes[at]! | (bytes[at + 1]! << 8) | (bytes[at + 2]! << 16)) << 8) >> 8;
}

/**
 * Writes `frameCount` interleaved frames of `bytes` into `outputs` from index
 * `outputOffset`. With one output and several input channels, writes their mean.
 * `bytes.byteOffset` must be a multiple of the sample size (allocate the read buffer
 * yourself); the host must be little-endian (x86, ARM).
 */
export function deinterleavePcm(
  bytes: Uint8Array,
  encoding: PcmEncoding,
  channelCount: number,
  frameCount: number,
  outputs: readonly Float32Array[],
  outputOffset: number,
): void {
  if (!HOST_IS_LITTLE_ENDIAN) throw new Error("deinterleavePcm: big-endian hosts are not supported");
  const sampleCount = frameCount * channelCount;
  const view = sampleView(bytes, encoding, sampleCount);
  const offset = encoding === "pcm_u8" ? 128 : 0;
  const mono = outputs.length === 1 && channelCount > 1;
  const scale = SCALE[encoding] / (mono ? channelCount : 1);
  if (view === null) {
    deinterleaveS24(bytes, channelCount, frameCount, outputs, outputOffset, scale, mono);
    return;
  }
  if (!mono && view instanceof Float32Array) {
    deinterleaveFloat32(view, channelCount, frameCount, outputs, outputOffset);
    return;
  }
  if (mono) {
    const out = outputs[0]!;
    for (let frame = 0, at = 0; frame < frameCount; frame++) {
      let sum = 0;
      for (let channel = 0; channel < channelCount; channel++, at++) sum += view[at]! - offset;
      out[outputOffset + frame] = sum * scale;
    }
    return;
  }
  for (let channel = 0; channel < channelCount; channel++) {
    const out = outputs[channel]!;
    for (let frame = 0, at = channel; frame < frameCount; frame++, at += channelCount) {
      out[outputOffset + frame] = (view[at]! - offset) * scale;
    }
  }
}

/**
 * Float samples copied as they are (ffmpeg's f32le output, the bulk of all decoding), in
 * a loop that sees only Float32Arrays: the shared loop above reads several array types,
 * and V8's polymorphic element access there costs about 3 ns a sample.
 */
function deinterleaveFloat32(
  view: Float32Array,
  channelCount: number,
  frameCount: number,
  outputs: readonly Float32Array[],
  outputOffset: number,
): void {
  if (channelCount === 2) {
    const left = outputs[0]!;
    const right = outputs[1]!;
    for (let frame = 0, at = 0; frame < frameCount; frame++, at += 2) {
      left[outputOffset + frame] = view[at]!;
      right[outputOffset + frame] = view[at + 1]!;
    }
    return;
  }
  for (let channel = 0; channel < channelCount; channel++) {
    const out = outputs[channel]!;
    for (let frame = 0, at = channel; frame < frameCount; frame++, at += channelCount)
      out[outputOffset + frame] = view[at]!;
  }
}

function deinterleaveS24(
  bytes: Uint8Array,
  channelCount: number,
  frameCount: number,
  outputs: readonly Float32Array[],
  outputOffset: number,
  scale: number,
  mono: boolean,
): void {
  if (mono) {
    const out = outputs[0]!;
    for (let frame = 0, at = 0; frame < frameCount; frame++) {
      let sum = 0;
      for (let channel = 0; channel < channelCount; channel++, at++) sum += readS24(bytes, at);
      out[outputOffset + frame] = sum * scale;
    }
    return;
  }
  for (let channel = 0; channel < channelCount; channel++) {
    const out = outputs[channel]!;
    for (let frame = 0, at = channel; frame < frameCount; frame++, at += channelCount) {
      out[outputOffset + frame] = readS24(bytes, at) * scale;
    }
  }
}
