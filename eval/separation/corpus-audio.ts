/**
 * Reading the corpus's audio in the units of its stems. The generator writes the mix as
 * round(y·32767) in 16 bits; the WAV reader returns pcm/32768. Multiplying by 32768/32767
 * gives y back (to the 16-bit quantisation), the scale of the drum references it renders.
 */
import { readWav } from "../../src/io/wav-reader.js";

export interface StereoAudio {
  readonly channels: Float32Array[];
  readonly sampleRate: number;
}

/** A corpus mix (16-bit WAV) in the generator's units. */
export async function readCorpusMix(path: string): Promise<StereoAudio> {
  const { audio } = await readWav(path);
  const scale = 32768 / 32767;
  const channels = audio.channels.map((channel) => {
    const out = new Float32Array(channel.length);
    for (let i = 0; i < channel.length; i++) out[i] = channel[i]! * scale;
    return out;
  });
  return { channels, sampleRate: audio.sampleRate };
}

/** A float WAV (a rendered stem) as it is. */
export async function readStem(path: string): Promise<StereoAudio> {
  const { audio } = await readWav(path);
  return { channels: audio.channels.map((channel) => Float32Array.from(channel)), sampleRate: audio.sampleRate };
}
