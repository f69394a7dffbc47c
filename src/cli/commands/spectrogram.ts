/**
 * `tonearm spectrogram FILE -o OUT.webp|png`: a spectrogram image (linear, log-frequency, mel
 * or constant-Q, any size, a colormap, optional axes), and optionally IDTAP's data format, the
 * raw uint8 matrix with its axes, or zoom tiles. The audio is decoded to mono and streamed
 * (src/io/images/spectrogram-from-file.ts): frames are pooled into the image's columns as they
 * arrive, so memory does not grow with the recording's length; tiles and IDTAP's data each
 * decode the file once more. Constant-Q, log and mel images need nothing above 11 kHz, so they
 * decode at 22.05 kHz (as IDTAP's data always does).
 */
import { parseArgs } from "node:util";
import { TonearmError } from "../../analysis/errors.js";
import { loadConfig } from "../../config/load-config.js";
import { COLORMAP_NAMES, type ColormapName } from "../../core/spectrogram/colormaps.js";
import type { SpectrogramKind } from "../../core/spectrogram/spectrogram-matrix.js";
import { writeIdtapSpectrogramOfFile } from "../../io/images/idtap-spectrogram.js";
import { writeSpectrogramData } from "../../io/images/spectrogram-export.js";
import { writeSpectrogramImageOfFile } from "../../io/images/spectrogram-from-file.js";
import { writeSpectrogramTilesOfFile } from "../../io/images/spectrogram-tiles-of-file.js";
import { EXIT } from "../exit-codes.js";
import { positiveNumberOption } from "../number-option.js";

const KINDS: readonly SpectrogramKind[] = ["cqt", "log", "mel", "linear"];

export const SPECTROGRAM_HELP = `Usage: tonearm spectrogram FILE -o OUT.webp|OUT.png [options]

Draw a spectrogram of an audio file (mixed to mono).

Options:
  -o, --out FILE        the image (.webp or .png)
  -t, --type KIND       ${KINDS.join(" | ")} (default cqt: constant-Q, 36 bins per octave)
  -c, --colormap NAME   ${COLORMAP_NAMES.join(", ")}, or your own colours as
                        "#000000,#ff8800,#ffffff" (default magma)
  -w, --width N         pixels (default 2000)
      --height N        pixels (default 600)
      --range DB        levels shown below the loudest (default 80)
      --min-hz HZ       lowest frequency (cqt, log, mel)
      --max-hz HZ       highest frequency
      --axes            draw frequency (Hz) and time (m:ss) axes
      --data BASE       also write the uint8 matrix as BASE.u8 and its axes as BASE.json
                        (the image's columns: about one per pixel)
      --tiles DIR       also write zoomable image tiles (DIR/<zoom>/<i>.webp, tiles.json;
                        zoom 0 is one 512-sample frame per pixel)
      --idtap DIR       also write IDTAP's spectrogram data (constant-Q 75–2400 Hz, 72 bins
                        per octave, uint8, gzipped: DIR/spec_data.gz, DIR/spec_shape.json)
  -h, --help            this help`;

export async function runSpectrogram(argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      out: { type: "string", short: "o" },
      type: { type: "string", short: "t" },
      colormap: { type: "string", short: "c" },
      width: { type: "string", short: "w" },
      height: { type: "string" },
      range: { type: "string" },
      "min-hz": { type: "string" },
      "max-hz": { type: "string" },
      axes: { type: "boolean" },
      data: { type: "string" },
      tiles: { type: "string" },
      idtap: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    process.stdout.write(`${SPECTROGRAM_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new TonearmError("INVALID_OPTION", "spectrogram needs exactly one FILE");
  if (values.out === undefined) throw new TonearmError("INVALID_OPTION", "spectrogram needs -o OUT.webp or OUT.png");
  const kind = (values.type ?? "cqt") as SpectrogramKind;
  if (!KINDS.includes(kind)) throw new TonearmError("INVALID_OPTION", `--type must be one of ${KINDS.join(", ")}`);
  const colormap = parseColormap(values.colormap ?? "magma");
  const width = Math.round(positiveNumberOption("width", values.width) ?? 2000);
  const height = Math.round(positiveNumberOption("height", values.height) ?? 600);
  const rangeDb = positiveNumberOption("range", values.range);
  const minHz = positiveNumberOption("min-hz", values["min-hz"]);
  const maxHz = positiveNumberOption("max-hz", values["max-hz"]);

  const config = loadConfig({});
  const path = positionals[0] as string;
  const decoding = {
    decoder: config.decoder,
    ffmpegPath: config.ffmpegPath,
    maxDurationSeconds: config.maxDurationSeconds,
  };
  const rate = kind === "linear" ? {} : { sampleRate: 22_050 };
  const spectrogram = {
    kind,
    ...(rangeDb === undefined ? {} : { rangeDb }),
    ...(minHz === undefined ? {} : { minHz }),
    ...(maxHz === undefined ? {} : { maxHz }),
  };
  const matrix = await writeSpectrogramImageOfFile(path, { ...decoding, ...rate }, values.out, {
    ...spectrogram,
    colormap,
    width,
    height,
    axes: Boolean(values.axes),
  });
  const wrote = [values.out];
  if (values.data !== undefined) {
    await writeSpectrogramData(matrix, values.data);
    wrote.push(`${values.data}.u8`, `${values.data}.json`);
  }
  if (values.tiles !== undefined) {
    await writeSpectrogramTilesOfFile(path, { ...decoding, ...rate }, values.tiles, { ...spectrogram, colormap });
    wrote.push(`${values.tiles}/`);
  }
  if (values.idtap !== undefined) {
    const shape = await writeIdtapSpectrogramOfFile(path, { ...decoding, sampleRate: 22_050 }, values.idtap);
    wrote.push(`${values.idtap}/spec_data.gz (${shape.shape.join(" × ")})`);
  }
  process.stdout.write(`wrote ${wrote.join(", ")}\n`);
  return EXIT.ok;
}

function parseColormap(text: string): ColormapName | string[] {
  if ((COLORMAP_NAMES as readonly string[]).includes(text)) return text as ColormapName;
  const colours = text.split(",").map((colour) => colour.trim());
  if (colours.length >= 2 && colours.every((colour) => /^#?[0-9a-f]{6}$/i.test(colour))) return colours;
  throw new TonearmError("INVALID_OPTION", `--colormap is one of ${COLORMAP_NAMES.join(", ")} or "#rrggbb,#rrggbb,…"`);
}
