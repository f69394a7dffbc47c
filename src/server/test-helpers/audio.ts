/** Short synthesised audio for server tests: WAV bytes of a tone with clicks, and multipart forms. */
import { encodeWav } from "../../io/wav-writer.js";

/** A stereo WAV of `seconds` of a 220 Hz tone with a click every half second. */
export function toneWav(seconds = 1, sampleRate = 22050): Uint8Array<ArrayBuffer> {
  const length = Math.round(seconds * sampleRate);
  const left = new Float32Array(length);
  const right = new Float32Array(length);
  for (let index = 0; index < length; index++) {
    const click = index % Math.round(sampleRate / 2) < 100 ? 0.4 : 0;
    left[index] = 0.3 * Math.sin((2 * Math.PI * 220 * index) / sampleRate) + click;
    right[index] = 0.9 * left[index]!;
  }
  const bytes = encodeWav({ channels: [left, right], sampleRate });
  const copy = new Uint8Array(new ArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

/** A multipart form with the bytes under `field` and any text fields. */
export function audioForm(
  bytes: Uint8Array<ArrayBuffer>,
  fileName: string,
  field = "file",
  fields: Record<string, string> = {},
  type = "audio/wav",
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append(field, new Blob([bytes], { type }), fileName);
  return form;
}

/** A response's JSON body, untyped for assertions (Response.json() is Promise<unknown> in Node's types). */
export async function readJson(response: Response) {
  return JSON.parse(await response.text());
}

/** A file that is a WAV by its magic number (RIFF…WAVE) but whose chunks are garbage: decoding fails. */
export function corruptWav(): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(new ArrayBuffer(4096));
  bytes.set(new TextEncoder().encode("RIFF"), 0);
  new DataView(bytes.buffer).setUint32(4, bytes.length - 8, true);
  bytes.set(new TextEncoder().encode("WAVE"), 8);
  for (let index = 12; index < bytes.length; index++) bytes[index] = (index * 7919) % 251;
  return bytes;
}
