/**
 * Encodes rendered spectrogram pixels as PNG or WebP with sharp (libvips), optionally on a
 * dark canvas with frequency and time axes: the SVG overlay of `spectrogram-axes.ts` is
 * rasterised by sharp (librsvg) and composited over the plot. `writeSpectrogramImage`
 * runs the whole path: samples → matrix (src/core/spectrogram) → pixels → file.
 * Reference: sharp 0.34 API (raw input, composite, png/webp output).
 */
import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import sharp from "sharp";
import { TonearmError } from "../../analysis/errors.js";
import { createSpectrogram, type SpectrogramOptions } from "../../core/spectrogram/create-spectrogram.js";
import type { SpectrogramKind, SpectrogramMatrix } from "../../core/spectrogram/spectrogram-matrix.js";
import { type RenderOptions, type RgbaImage, renderSpectrogram } from "./render-spectrogram.js";
import { fastFft } from "./spectrogram-accelerators.js";
import { AXIS_MARGINS, axesOverlaySvg } from "./spectrogram-axes.js";

export type ImageFormat = "png" | "webp";

export interface EncodeOptions {
  readonly format: ImageFormat;
  /** Draw frequency and time axes around the plot (the image grows by the margins). */
  readonly axes: boolean;
  /** WebP quality 1…100 (lossy); ignored for PNG. */
  readonly quality: number;
}

export const ENCODE_DEFAULTS: EncodeOptions = { format: "webp", axes: false, quality: 85 };

export async function encodeSpectrogramImage(
  image: RgbaImage,
  matrix: SpectrogramMatrix,
  options: Partial<EncodeOptions> = {},
): Promise<Buffer> {
  const { format, axes, quality } = { ...ENCODE_DEFAULTS, ...options };
  const raw = { width: image.width, height: image.height, channels: 4 as const };
  let pipeline = sharp(image.data, { raw });
  if (axes) {
    const { left, bottom } = AXIS_MARGINS;
    const canvas = sharp({
      create: {
        width: image.width + left,
        height: image.height + bottom,
        channels: 4,
        background: { r: 24, g: 24, b: 24, alpha: 1 },
      },
    });
    const plot = await pipeline.png().toBuffer();
    const overlay = Buffer.from(axesOverlaySvg(matrix, image.width, image.height));
    pipeline = sharp(
      await canvas
        .composite([
          { input: plot, left, top: 0 },
          { input: overlay, left: 0, top: 0 },
        ])
        .png()
        .toBuffer(),
    );
  }
  return format === "png"
    ? pipeline.png({ compressionLevel: 6 }).toBuffer()
    : pipeline.webp({ quality, effort: webpEffort(image.width * image.height) }).toBuffer();
}

/** Images of at least this many pixels are WebP-encoded at effort 1 (see `webpEffort`). */
export const WEBP_FAST_PIXELS = 1_000_000;

/**
 * libwebp's effort (0–6): 2 for ordinary sizes; 1 from WEBP_FAST_PIXELS on, where encoding is
 * a noticeable part of a render: for a 4000×600 constant-Q spectrogram it takes ≈ 15–20 %
 * less CPU than 2 for a file ≈ 2 % larger (effort 0: ≈ 35 % less, but 17 % larger).
 */
export function webpEffort(pixels: number): number {
  return pixels >= WEBP_FAST_PIXELS ? 1 : 2;
}

export interface SpectrogramImageOptions extends SpectrogramOptions, RenderOptions, EncodeOptions {
  readonly kind: SpectrogramKind;
}

/** Image format from a file name: .png or .webp, else INVALID_OPTION. */
export function imageFormatFor(path: string): ImageFormat {
  const extension = extname(path).toLowerCase();
  if (extension === ".png") return "png";
  if (extension === ".webp") return "webp";
  throw new TonearmError("INVALID_OPTION", `Spectrogram images are .png or .webp, not "${extension || path}".`);
}

/** Mono samples → spectrogram image file; returns the matrix it drew. */
export async function writeSpectrogramImage(
  samples: Float32Array,
  sampleRate: number,
  outPath: string,
  options: Partial<SpectrogramImageOptions> = {},
): Promise<SpectrogramMatrix> {
  const format = options.format ?? imageFormatFor(outPath);
  // The FFT the file paths use, so that both draw the same pixels.
  const matrix = createSpectrogram(options.kind ?? "cqt", samples, sampleRate, {
    ...options,
    fftFactory: await fastFft(),
  });
  const image = renderSpectrogram(matrix, options);
  await writeFile(outPath, await encodeSpectrogramImage(image, matrix, { ...options, format }));
  return matrix;
}
