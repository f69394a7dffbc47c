/**
 * |X_k| of one spectrum in the FFT's interleaved layout [re0, im0, re1, im1, …]: one value
 * per bin into `out` (its length is the bin count). The per-frame step every streaming
 * spectral consumer starts from.
 */
export function spectrumMagnitudes(spectrum: Float32Array, out: Float32Array): void {
  const bins = out.length;
  for (let k = 0; k < bins; k++) {
    const re = spectrum[2 * k]!;
    const im = spectrum[2 * k + 1]!;
    out[k] = Math.sqrt(re * re + im * im);
  }
}
