/**
 * |X_k| of one spectrum in the FFT's interleaved layout [re0, im0, re1, im1, …]: `bins`
 * values into out[outOffset …]. The per-frame step every spectral consumer starts from.
 */
export function spectrumMagnitudes(spectrum: Float32Array, bins: number, out: Float32Array, outOffset = 0): void {
  for (let k = 0; k < bins; k++) {
    const re = spectrum[2 * k]!;
    const im = spectrum[2 * k + 1]!;
    out[outOffset + k] = Math.sqrt(re * re + im * im);
  }
}
