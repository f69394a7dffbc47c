/**
 * Decodes a whole audio file (so a broken stream anywhere in it is found) and keeps only its
 * Chromaprint-compatible fingerprint of the first two minutes: ffmpeg delivers mono at
 * 11025 Hz, the fingerprint's own rate, in chunks that the streaming fingerprinter takes and
 * forgets, so memory stays small whatever the file's length.
 */
import type { AudioSink } from "../core/audio-sink.js";
import { CHROMAPRINT_SAMPLE_RATE, createFingerprinter } from "../core/fingerprint/index.js";
import { type DecodeOptions, decodeAudioTo } from "./decode-audio.js";

export async function fingerprintAudioFile(
  path: string,
  options: Pick<DecodeOptions, "decoder" | "ffmpegPath" | "maxDurationSeconds" | "signal"> = {},
): Promise<Uint32Array> {
  const fingerprinter = createFingerprinter(CHROMAPRINT_SAMPLE_RATE);
  const sink: AudioSink = {
    start() {},
    write(channels, length) {
      fingerprinter.push((channels[0] as Float32Array).subarray(0, length));
    },
    end() {},
  };
  await decodeAudioTo(path, sink, { ...options, sampleRate: CHROMAPRINT_SAMPLE_RATE, mono: true });
  return fingerprinter.finish();
}
