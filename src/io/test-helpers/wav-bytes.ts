/**
 * Hand-built WAV files for reader tests: any format tag, bit depth and
 * WAVE_FORMAT_EXTENSIBLE SubFormat, extra chunks before or after the audio, a data
 * size field that lies, RF64 with a ds64 chunk. Built independently of the writer
 * so the reader is not only tested against its own sibling.
 */

export interface WavBytesSpec {
  readonly formatTag: number;
  readonly channels: number;
  readonly sampleRate: number;
  readonly bitsPerSample: number;
  /** Samples already encoded, interleaved. */
  readonly data: Uint8Array;
  /** Write WAVE_FORMAT_EXTENSIBLE with this SubFormat tag and valid bits. */
  readonly extensible?: { readonly subFormat: number; readonly validBits: number };
  /** Override the data chunk's size field. */
  readonly dataSizeField?: number;
  /** Chunks written between fmt and data (id, body). */
  readonly chunksBefore?: readonly (readonly [string, Uint8Array])[];
  /** Put the fmt chunk after the data chunk. */
  readonly fmtAfterData?: boolean;
  readonly omitFmt?: boolean;
  readonly omitData?: boolean;
  /** Write an RF64 file (RIFF size and data size 0xFFFFFFFF, real sizes in ds64). */
  readonly rf64?: boolean;
}

function chunk(id: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length & 1));
  for (let i = 0; i < 4; i++) out[i] = id.charCodeAt(i);
  new DataView(out.buffer).setUint32(4, body.length, true);
  out.set(body, 8);
  return out;
}

function fmtBody(spec: WavBytesSpec): Uint8Array {
  const blockAlign = (spec.channels * spec.bitsPerSample) / 8;
  const body = new Uint8Array(spec.extensible === undefined ? 16 : 40);
  const view = new DataView(body.buffer);
  view.setUint16(0, spec.extensible === undefined ? spec.formatTag : 0xfffe, true);
  view.setUint16(2, spec.channels, true);
  view.setUint32(4, spec.sampleRate, true);
  view.setUint32(8, spec.sampleRate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, spec.bitsPerSample, true);
  if (spec.extensible !== undefined) {
    view.setUint16(16, 22, true);
    view.setUint16(18, spec.extensible.validBits, true);
    view.setUint32(20, spec.channels === 2 ? 3 : 0, true);
    view.setUint16(24, spec.extensible.subFormat, true);
    body.set([0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71], 26);
  }
  return body;
}

/** Builds a complete WAV file from `spec`. */
export function buildWavBytes(spec: WavBytesSpec): Uint8Array {
  const fmt = spec.omitFmt === true ? new Uint8Array(0) : chunk("fmt ", fmtBody(spec));
  const data = spec.omitData === true ? new Uint8Array(0) : chunk("data", spec.data);
  if (spec.omitData !== true && (spec.dataSizeField !== undefined || spec.rf64 === true)) {
    new DataView(data.buffer).setUint32(4, spec.rf64 === true ? 0xffffffff : spec.dataSizeField!, true);
  }
  const extra = (spec.chunksBefore ?? []).map(([id, body]) => chunk(id, body));
  const ds64 = new Uint8Array(28);
  if (spec.rf64 === true) {
    const view = new DataView(ds64.buffer);
    view.setUint32(8, spec.data.length, true); // dataSize, low 32 bits
  }
  const parts = [
    ...(spec.rf64 === true ? [chunk("ds64", ds64)] : []),
    ...(spec.fmtAfterData === true ? [] : [fmt]),
    ...extra,
    data,
    ...(spec.fmtAfterData === true ? [fmt] : []),
  ];
  const bodyBytes = 4 + parts.reduce((sum, part) => sum + part.length, 0);
  const out = new Uint8Array(8 + bodyBytes);
  const view = new DataView(out.buffer);
  const magic = spec.rf64 === true ? "RF64" : "RIFF";
  for (let i = 0; i < 4; i++) out[i] = magic.charCodeAt(i);
  view.setUint32(4, spec.rf64 === true ? 0xffffffff : bodyBytes, true);
  out.set([0x57, 0x41, 0x56, 0x45], 8); // "WAVE"
  let at = 12;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Encodes planar float channels as interleaved little-endian integers or floats. */
export function interleave(
  channels: readonly Float32Array[],
  encoding: "u8" | "s16" | "s24" | "s32" | "f32" | "f64",
): Uint8Array {
  const bytesPer = { u8: 1, s16: 2, s24: 3, s32: 4, f32: 4, f64: 8 }[encoding];
  const frames = channels[0]!.length;
  const out = new Uint8Array(frames * channels.length * bytesPer);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let frame = 0; frame < frames; frame++) {
    for (const channel of channels) {
      const value = channel[frame]!;
      if (encoding === "u8") view.setUint8(at, Math.round(value * 127) + 128);
      else if (encoding === "s16") view.setInt16(at, Math.round(value * 32767), true);
      else if (encoding === "s24") {
        const integer = Math.round(value * 8388607);
        view.setUint8(at, integer & 0xff);
        view.setUint8(at + 1, (integer >> 8) & 0xff);
        view.setInt8(at + 2, integer >> 16);
      } else if (encoding === "s32") view.setInt32(at, Math.round(value * 2147483647), true);
      else if (encoding === "f32") view.setFloat32(at, value, true);
      else view.setFloat64(at, value, true);
      at += bytesPer;
    }
  }
  return out;
}
