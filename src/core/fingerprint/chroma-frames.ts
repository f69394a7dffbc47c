/**
 * Chromaprint's chroma front end, streamed: 11025 Hz mono samples in, one smoothed and
 * normalised 12-band chroma row out per hop of 1365 samples.
 * Steps per frame of 4096 samples (as Chromaprint 1.5.1 does them):
 *   1. samples are taken as 16-bit integers (x·32768 rounded and clipped, as fpcalc's
 *      decoder hands them over) and multiplied by a symmetric Hamming window divided by 32767;
 *   2. power spectrum |X[k]|² of the real FFT;
 *   3. bins k in [round(4096·28/11025), round(4096·3520/11025)) = [10, 1308) add their power
 *      to pitch class ⌊12·frac(log2(f_k / 27.5))⌋ (class 0 = A);
 *   4. a 5-tap FIR along time per class, taps 0.25, 0.75, 1, 0.75, 0.25 (oldest first), so
 *      the first row appears after the fifth frame;
 *   5. the row is divided by its Euclidean norm, or zeroed when that norm is below 0.01.
 * No allocation per frame: the row handed to `onRow` is a reused buffer, valid during the call.
 * Reference: Chromaprint 1.5.1 (fft.cpp, chroma.cpp, chroma_filter.cpp, chroma_normalizer.h);
 *   Bartsch & Wakefield (2001), "To catch a chorus: using chroma-based representations for
 *   audio thumbnailing", IEEE WASPAA.
 */
import { createRealFft } from "../dsp/real-fft.js";
import { hammingWindow } from "../dsp/windows.js";
import {
  CHROMA_BANDS,
  CHROMA_BASE_FREQUENCY,
  CHROMA_FILTER_TAPS,
  CHROMA_NORM_FLOOR,
  CHROMAPRINT_FRAME_SIZE,
  CHROMAPRINT_HOP_SIZE,
  CHROMAPRINT_MAX_FREQUENCY,
  CHROMAPRINT_MIN_FREQUENCY,
  CHROMAPRINT_SAMPLE_RATE,
} from "./chromaprint-constants.js";

/** Receives each chroma row (12 values, unit norm or all zero); the buffer is reused. */
export type ChromaRowSink = (row: Float64Array) => void;

export interface ChromaFramer {
  /** Feeds samples at 11025 Hz (full scale ±1); calls `onRow` once per completed row. */
  push(samples: Float32Array, onRow: ChromaRowSink): void;
  /** Forgets buffered samples and filter history. */
  reset(): void;
}

const INT16_SCALE = 32768;

/** Pitch class of each FFT bin in the chroma band, −1 outside it. */
function binPitchClasses(frameSize: number, sampleRate: number): Int8Array {
  const classes = new Int8Array(frameSize / 2 + 1).fill(-1);
  const first = Math.max(1, Math.round((frameSize * CHROMAPRINT_MIN_FREQUENCY) / sampleRate));
  const end = Math.min(frameSize / 2, Math.round((frameSize * CHROMAPRINT_MAX_FREQUENCY) / sampleRate));
  for (let k = first; k < end; k++) {
    const octave = Math.log2((k * sampleRate) / frameSize / CHROMA_BASE_FREQUENCY);
    classes[k] = Math.floor(CHROMA_BANDS * (octave - Math.floor(octave)));
  }
  return classes;
}

export function createChromaFramer(): ChromaFramer {
  const size = CHROMAPRINT_FRAME_SIZE;
  const hop = CHROMAPRINT_HOP_SIZE;
  const taps = CHROMA_FILTER_TAPS;
  const fft = createRealFft(size);
  const window = hammingWindow(size, "symmetric");
  for (let n = 0; n < size; n++) window[n] = window[n]! / 32767;
  const classes = binPitchClasses(size, CHROMAPRINT_SAMPLE_RATE);
  const samples = new Float32Array(size);
  const windowed = new Float32Array(size);
  const spectrum = new Float32Array(size + 2);
  /** The last `taps.length` raw chroma rows, a ring indexed by frame number. */
  const history = new Float64Array(taps.length * CHROMA_BANDS);
  const row = new Float64Array(CHROMA_BANDS);
  let filled = 0;
  let frames = 0;

  function analyseFrame(onRow: ChromaRowSink): void {
    for (let n = 0; n < size; n++) windowed[n] = samples[n]! * window[n]!;
    fft.forward(windowed, spectrum);
    const base = (frames % taps.length) * CHROMA_BANDS;
    history.fill(0, base, base + CHROMA_BANDS);
    for (let k = 0; k < classes.length; k++) {
      const pitchClass = classes[k]!;
      if (pitchClass < 0) continue;
      const re = spectrum[2 * k]!;
      const im = spectrum[2 * k + 1]!;
      history[base + pitchClass] = history[base + pitchClass]! + (re * re + im * im);
    }
    frames++;
    if (frames < taps.length) return;
    row.fill(0);
    for (let j = 0; j < taps.length; j++) {
      const source = ((frames - taps.length + j) % taps.length) * CHROMA_BANDS;
      const tap = taps[j]!;
      for (let b = 0; b < CHROMA_BANDS; b++) row[b] = row[b]! + history[source + b]! * tap;
    }
    let squares = 0;
    for (let b = 0; b < CHROMA_BANDS; b++) squares += row[b]! * row[b]!;
    const norm = Math.sqrt(squares);
    if (norm < CHROMA_NORM_FLOOR) row.fill(0);
    else for (let b = 0; b < CHROMA_BANDS; b++) row[b] = row[b]! / norm;
    onRow(row);
  }

  return {
    push(input: Float32Array, onRow: ChromaRowSink): void {
      let at = 0;
      while (at < input.length) {
        const take = Math.min(size - filled, input.length - at);
        for (let n = 0; n < take; n++) {
          const value = Math.round(input[at + n]! * INT16_SCALE);
          // NaN becomes 0 (`|| 0`); ±Infinity clips like any out-of-range sample.
          samples[filled + n] = value > 32767 ? 32767 : value < -32768 ? -32768 : value || 0;
        }
        filled += take;
        at += take;
        if (filled < size) break;
        analyseFrame(onRow);
        samples.copyWithin(0, hop, size);
        filled = size - hop;
      }
    },
    reset(): void {
      filled = 0;
      frames = 0;
    },
  };
}
