/**
 * `tonearm melograph FILE -o OUT.png|webp`: the pitch contour (pYIN, Mauch & Dixon 2014)
 * over time on a log-frequency axis, optionally over a dimmed constant-Q spectrogram, with
 * Sa/Pa lines of a given or estimated tonic (Salamon, Gulati & Serra 2012; see
 * core/pitch/tonic.ts) or note-name lines; optionally the contour as JSON. The audio is
 * decoded to mono at 22.05 kHz (pYIN's f0 range ends far below 5.5 kHz) and streamed into
 * pYIN and the drone's spectrum (io/pitch-from-file.ts), so memory stays bounded however
 * long the recording; the background is a second streamed decode once the contour has set
 * the frequency axis. pYIN follows one voice or instrument; for a full mix, `--source mix`
 * draws the predominant melody of the "melody" analysis instead (pYIN would follow whatever
 * is loudest, often the bass; that analysis holds the whole track).
 */
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import { estimateTonic, type TonicEstimate } from "../../core/pitch/tonic.js";
import { imageFormatFor } from "../../io/images/encode-spectrogram-image.js";
import { melographJson, writeMelographImage } from "../../io/images/melograph-image.js";
import { melographBackgroundOfFile, scanMonoFile } from "../../io/pitch-from-file.js";
import { EXIT } from "../exit-codes.js";
import { mixMelody } from "../mix-melody.js";
import { positiveNumberOption } from "../number-option.js";

const SAMPLE_RATE = 22_050;
const HOP = 256;
const PITCH_NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"] as const;

export const MELOGRAPH_HELP = `Usage: tonearm melograph FILE -o OUT.png|OUT.webp [options]

Draw the pitch contour (pYIN) of an audio file (mixed to mono) on a log-frequency axis.

Options:
  -o, --out FILE        the image (.png or .webp)
      --json FILE       also write { times, f0Hz, cents, voicedProbability, tonicHz }
      --tonic HZ        draw Sa and Pa lines of this tonic (cents in the JSON relative to it)
      --estimate-tonic  estimate the tonic (drone and melody) and draw its lines
      --source S        solo (default: pYIN, one voice or instrument) or mix (the
                        predominant melody of a full mix, from the melody analysis)
      --fmin HZ         lowest pitch tracked and shown (default 60; axis: from the contour)
      --fmax HZ         highest pitch tracked and shown (default 1000)
      --spectrogram     draw a dimmed constant-Q spectrogram underneath
      --axes            draw frequency (Hz) and time (m:ss) axes
  -w, --width N         pixels (default 1200)
      --height N        pixels (default 400)
  -h, --help            this help`;

export async function runMelograph(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      json: { type: "string" },
      tonic: { type: "string" },
      "estimate-tonic": { type: "boolean" },
      source: { type: "string" },
      fmin: { type: "string" },
      fmax: { type: "string" },
      spectrogram: { type: "boolean" },
      axes: { type: "boolean" },
      width: { type: "string", short: "w" },
      height: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${MELOGRAPH_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new TonearmError("INVALID_OPTION", "melograph needs exactly one FILE");
  if (values.out === undefined) throw new TonearmError("INVALID_OPTION", "melograph needs -o OUT.png or OUT.webp");
  imageFormatFor(values.out);
  const givenTonic = positiveNumberOption("tonic", values.tonic);
  if (givenTonic !== undefined && values["estimate-tonic"]) {
    throw new TonearmError("INVALID_OPTION", "give --tonic HZ or --estimate-tonic, not both");
  }
  const source = values.source ?? "solo";
  if (source !== "solo" && source !== "mix") {
    throw new TonearmError("INVALID_OPTION", `--source must be solo or mix, got "${source}"`);
  }
  const fmin = positiveNumberOption("fmin", values.fmin);
  const fmax = positiveNumberOption("fmax", values.fmax);
  const pitchMin = fmin ?? 60;
  const pitchMax = fmax ?? 1000;
  if (pitchMin < 25 || pitchMax <= pitchMin || pitchMax > SAMPLE_RATE / 4) {
    throw new TonearmError("INVALID_OPTION", `need 25 ≤ --fmin < --fmax ≤ ${SAMPLE_RATE / 4} Hz`);
  }
  const width = Math.round(positiveNumberOption("width", values.width) ?? 1200);
  const height = Math.round(positiveNumberOption("height", values.height) ?? 400);
  if (width < 8 || height < 8 || width > 16_384 || height > 16_384) {
    throw new TonearmError("INVALID_OPTION", "--width and --height must be 8…16384 pixels");
  }

  const config = loadConfig({});
  const file = positionals[0] as string;
  const decoding = { ...config, sampleRate: SAMPLE_RATE };
  // Solo: pYIN on the streamed mono signal; mix: the melody analysis, and the stream only for the length and drone.
  const scan = await scanMonoFile(file, decoding, {
    pyin: source === "mix" ? null : { fmin: pitchMin, fmax: pitchMax, hopSize: HOP },
    dronePeaks: values["estimate-tonic"] === true,
  });
  const track = scan.track ?? (await mixMelody(file, config)).track;

  let tonicHz: number | null = givenTonic ?? null;
  if (values["estimate-tonic"]) {
    const tonic = estimateTonic(track, { spectrumPeaks: scan.dronePeaks ?? [] });
    if (tonic === null) process.stderr.write("tonearm melograph: no pitch or drone found, so no tonic\n");
    else process.stdout.write(`tonic ${describeTonic(tonic)}\n`);
    tonicHz = tonic?.hz ?? null;
  }
  const { durationSeconds } = scan;
  const range = { ...(fmin === undefined ? {} : { minHz: fmin }), ...(fmax === undefined ? {} : { maxHz: fmax }) };
  const background = values.spectrogram
    ? await melographBackgroundOfFile(file, decoding, track, { width, height, durationSeconds, ...range })
    : null;
  await writeMelographImage(track, values.out, {
    width,
    height,
    durationSeconds,
    tonicHz,
    background,
    axes: Boolean(values.axes),
    ...range,
  });
  const wrote = [values.out];
  if (values.json !== undefined) {
    await writeFile(values.json, `${JSON.stringify(melographJson(track, tonicHz))}\n`);
    wrote.push(values.json);
  }
  process.stdout.write(`wrote ${wrote.join(", ")}\n`);
  return EXIT.ok;
}

/** "138.0 Hz (C#3 −7 cents), confidence 0.62". */
export function describeTonic(tonic: TonicEstimate): string {
  const cents = Math.round(tonic.centsOffset);
  const offset = cents === 0 ? "" : ` ${cents > 0 ? "+" : "−"}${Math.abs(cents)} cents`;
  const name = `${PITCH_NAMES[tonic.pitchClass]}${tonic.octave}`;
  return `${tonic.hz.toFixed(1)} Hz (${name}${offset}), confidence ${tonic.confidence.toFixed(2)}`;
}
