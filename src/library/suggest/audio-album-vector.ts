/**
 * An album's audio vector from its tracks' vectors (audio-feature-vector.ts): the mean of each
 * dimension over the tracks, optionally followed by the standard deviation over the tracks
 * (population, ddof 0: how varied the album is). NaN values, dimensions a track could not
 * measure, are skipped; a dimension no track measured stays NaN. Input: D-dimension vectors;
 * output: D (mean) or 2·D (mean then spread) values.
 */

export interface AlbumVectorOptions {
  /** Append the per-dimension standard deviation over the tracks. */
  readonly spread: boolean;
}

export const ALBUM_VECTOR_DEFAULTS: AlbumVectorOptions = { spread: false };

/** The album vector; null when there are no track vectors. */
export function albumAudioVector(
  tracks: readonly Float32Array[],
  options: Partial<AlbumVectorOptions> = {},
): Float32Array | null {
  const { spread } = { ...ALBUM_VECTOR_DEFAULTS, ...options };
  const first = tracks[0];
  if (first === undefined) return null;
  const dimensions = first.length;
  for (const track of tracks) {
    if (track.length !== dimensions) {
      throw new RangeError(`albumAudioVector: track vectors must all have ${dimensions} values, got ${track.length}`);
    }
  }
  const out = new Float32Array(spread ? 2 * dimensions : dimensions);
  for (let dimension = 0; dimension < dimensions; dimension++) {
    let count = 0;
    let sum = 0;
    for (const track of tracks) {
      const value = track[dimension] ?? Number.NaN;
      if (Number.isFinite(value)) {
        count++;
        sum += value;
      }
    }
    const mean = count > 0 ? sum / count : Number.NaN;
    out[dimension] = mean;
    if (!spread) continue;
    let squares = 0;
    for (const track of tracks) {
      const value = track[dimension] ?? Number.NaN;
      if (Number.isFinite(value)) squares += (value - mean) ** 2;
    }
    out[dimensions + dimension] = count > 0 ? Math.sqrt(squares / count) : Number.NaN;
  }
  return out;
}
