/**
 * Names codecs the way ffmpeg does ("mp3", "aac", "pcm_s16be", "wmav2"…), whatever
 * told us about them: music-metadata prints descriptive strings ("MPEG 1 Layer 3",
 * "Vorbis I", "MPEG-4/AAC", "Windows Media Audio V8"), which this module maps, and
 * says which codecs are lossless.
 */

const PATTERNS: readonly (readonly [RegExp, string])[] = [
  [/layer 3/i, "mp3"],
  [/layer 2/i, "mp2"],
  [/layer 1/i, "mp1"],
  [/alac/i, "alac"],
  [/aac/i, "aac"],
  [/^flac$/i, "flac"],
  [/vorbis/i, "vorbis"],
  [/opus/i, "opus"],
  [/speex/i, "speex"],
  [/windows media audio 9 (voice|lossless)/i, "wmalossless"],
  [/windows media audio 9 pro|wma ?pro/i, "wmapro"],
  [/windows media audio v7/i, "wmav1"],
  [/windows media audio/i, "wmav2"],
  [/monkey/i, "ape"],
  [/musepack/i, "musepack"],
  [/dsd/i, "dsd"],
  [/adpcm/i, "adpcm"],
  [/a-?law/i, "pcm_alaw"],
  [/(mu|µ|u)-?law/i, "pcm_mulaw"],
  [/e-?ac-?3/i, "eac3"],
  [/ac-?3/i, "ac3"],
];

/** ffmpeg-style name for music-metadata's `format.codec` in `container`; undefined when unknown. */
export function codecFromMetadata(
  codec: string | undefined,
  container: string,
  bitsPerSample: number | undefined,
): string | undefined {
  if (codec === undefined || codec.trim() === "") return undefined;
  if (container === "wavpack") return "wavpack";
  if (container === "tta") return "tta";
  if (container === "aiff" || container === "aifc") {
    if (/float.*64|fl64/i.test(codec)) return "pcm_f64be";
    if (/float|fl32/i.test(codec)) return "pcm_f32be";
    if (/^pcm$/i.test(codec) && bitsPerSample !== undefined) {
      return bitsPerSample === 8 ? "pcm_s8" : `pcm_s${bitsPerSample}be`;
    }
  }
  for (const [pattern, name] of PATTERNS) {
    if (pattern.test(codec)) return name;
  }
  if (/^pcm$/i.test(codec) && bitsPerSample !== undefined) return `pcm_s${bitsPerSample}le`;
  return codec.trim().toLowerCase().replace(/\s+/g, "_");
}

const LOSSLESS = new Set([
  "flac",
  "alac",
  "wavpack",
  "ape",
  "tta",
  "wmalossless",
  "mlp",
  "truehd",
  "dsd",
  "shorten",
  "tak",
]);

/** True for lossless codecs: uncompressed PCM (not A-law/µ-law), FLAC, ALAC, WavPack, APE, TTA, … */
export function isLosslessCodec(codec: string): boolean {
  if (codec.startsWith("pcm_")) return codec !== "pcm_alaw" && codec !== "pcm_mulaw";
  return LOSSLESS.has(codec) || codec.startsWith("dsd_");
}
