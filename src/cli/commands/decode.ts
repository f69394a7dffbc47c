/** `tonearm decode FILE -o OUT.wav`: decode any audio file to a WAV file. */
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import { decodeAudio } from "../../io/decode-audio.js";
import { type WavSampleFormat, writeWav } from "../../io/wav-writer.js";
import { EXIT } from "../exit-codes.js";
import { ProgressBar } from "../progress-bar.js";

export const DECODE_HELP = `Usage: tonearm decode FILE -o OUT.wav [options]

Decode any audio file tonearm reads to WAV.

Options:
  -o, --out PATH         the WAV file to write (required)
  --format FORMAT        pcm16 | pcm24 | float32 (default pcm16)
  --sample-rate HZ       resample to this rate (default: the file's own)
  --mono                 mix down to one channel
  --allow-truncated      write what a truncated file holds instead of failing
  --decoder KIND         auto | system | bundled ffmpeg (env TONEARM_DECODER)
  -h, --help             this help`;

const FORMATS: readonly WavSampleFormat[] = ["pcm16", "pcm24", "float32"];

export async function runDecode(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      format: { type: "string" },
      "sample-rate": { type: "string" },
      mono: { type: "boolean" },
      "allow-truncated": { type: "boolean" },
      decoder: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${DECODE_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || !values.out) {
    throw new TonearmError("INVALID_OPTION", "decode needs one FILE and -o OUT.wav (see --help)");
  }
  const format = (values.format ?? "pcm16") as WavSampleFormat;
  if (!FORMATS.includes(format)) {
    throw new TonearmError("INVALID_OPTION", `--format must be one of ${FORMATS.join(", ")}, got "${values.format}"`);
  }
  const sampleRate = values["sample-rate"] === undefined ? undefined : Number(values["sample-rate"]);
  const config = loadConfig({ decoder: values.decoder as "auto" | "system" | "bundled" | undefined });
  const progress = new ProgressBar();
  const decoded = await decodeAudio(positionals[0]!, {
    sampleRate,
    mono: values.mono ?? false,
    allowTruncated: values["allow-truncated"] ?? false,
    maxDurationSeconds: config.maxDurationSeconds,
    decoder: config.decoder,
    ffmpegPath: config.ffmpegPath ?? undefined,
    onProgress: (fraction) => progress.update({ fraction, label: "decoding" }),
  });
  progress.clear();
  await writeWav(values.out, decoded.audio, { format });
  const seconds = (decoded.audio.channels[0]?.length ?? 0) / decoded.audio.sampleRate;
  process.stderr.write(
    `${values.out}: ${seconds.toFixed(2)} s, ${decoded.audio.sampleRate} Hz, ${decoded.audio.channels.length} ch, ${format}\n`,
  );
  return EXIT.ok;
}
