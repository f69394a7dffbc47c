/**
 * Zero crossings and energy (Σx²) of each STFT frame's signal samples, as frames stream in.
 * Neighbouring frames overlap (a 2048-sample frame with a 512 hop shares three quarters of
 * its samples with the previous one), so when the frame is a whole number of hops and the
 * centring pad a whole number of hops, the frame is cut into hop-sized blocks, each block's
 * figures are computed once, and a frame's are the sums over its blocks: a quarter of the
 * work for 2048/512. Otherwise each frame is counted on its own. A crossing is a sign change
 * between neighbouring signal samples (x < floor counts as negative); padding contributes
 * neither crossings nor energy. Crossing counts are exact either way; energies agree to
 * rounding (the blockwise sum adds in a different order).
 */

/** Where the next frame's samples come from and how its figures are summed. */
export type FrameWaveformStats = (frame: Float32Array, validFrom: number, validTo: number, out: Float64Array) => void;

/** The STFT's framing, as the frames' features see it. */
export interface WaveformFraming {
  readonly frameSize: number;
  readonly hopSize: number;
  readonly center: boolean;
}

/**
 * Returns a function to call once per frame, in order: it writes the frame's [crossings,
 * energy] into out[0], out[1]. frame[validFrom … validTo) are signal samples, the rest padding.
 */
export function createFrameWaveformStats(framing: WaveformFraming, floor: number): FrameWaveformStats {
  const { frameSize, hopSize, center } = framing;
  const pad = center ? frameSize >> 1 : 0;
  if (!(frameSize % hopSize === 0 && pad % hopSize === 0 && hopSize >= 2)) {
    return (frame, validFrom, validTo, out) => crossingsAndEnergy(frame, validFrom, validTo, floor, out, 0);
  }
  return blockwiseStats(frameSize, hopSize, floor);
}

/**
 * Block figures in a ring of frameSize/hopSize slots: inner crossings, the crossing from the
 * previous block's last sample into the block's first, and energy. The first frame fills every
 * slot; each later frame adds only its newest block (the frame moved by one hop).
 */
function blockwiseStats(frameSize: number, hopSize: number, floor: number): FrameWaveformStats {
  const blocks = frameSize / hopSize;
  const inner = new Float64Array(blocks);
  const boundary = new Float64Array(blocks);
  const energy = new Float64Array(blocks);
  const figures = new Float64Array(2);
  let frames = 0;
  /** Slot of the frame's first (oldest) block. */
  let oldest = 0;
  const fill = (frame: Float32Array, validFrom: number, validTo: number, block: number, slot: number) => {
    const start = block * hopSize;
    const from = Math.max(validFrom, start);
    const to = Math.min(validTo, start + hopSize);
    crossingsAndEnergy(frame, from, to, floor, figures, 0);
    inner[slot] = figures[0]!;
    energy[slot] = figures[1]!;
    // The step from the previous block's last sample into this block's first, both signal.
    const previous = start - 1;
    boundary[slot] =
      block > 0 && previous >= validFrom && start < validTo && frame[previous]! < floor !== frame[start]! < floor
        ? 1
        : 0;
  };
  return (frame, validFrom, validTo, out) => {
    if (frames === 0) {
      for (let block = 0; block < blocks; block++) fill(frame, validFrom, validTo, block, block);
    } else {
      // The oldest block leaves; the newest takes its slot.
      fill(frame, validFrom, validTo, blocks - 1, oldest);
      oldest = oldest + 1 === blocks ? 0 : oldest + 1;
    }
    frames++;
    let crossings = 0;
    let sum = 0;
    for (let i = 0, slot = oldest; i < blocks; i++, slot = slot + 1 === blocks ? 0 : slot + 1) {
      crossings += inner[slot]!;
      if (i > 0) crossings += boundary[slot]!;
      sum += energy[slot]!;
    }
    out[0] = crossings;
    out[1] = sum;
  };
}

/**
 * Zero crossings and Σx² of frame[from … to) in one pass, into out[at], out[at + 1]:
 * crossings are sign changes between neighbouring samples (x < floor counts as negative).
 */
function crossingsAndEnergy(
  frame: Float32Array,
  from: number,
  to: number,
  floor: number,
  out: Float64Array,
  at: number,
): void {
  let crossings = 0;
  let energy = 0;
  if (to > from) {
    let previous = frame[from]! < floor ? 1 : 0;
    energy = frame[from]! * frame[from]!;
    for (let n = from + 1; n < to; n++) {
      const value = frame[n]!;
      const negative = value < floor ? 1 : 0;
      crossings += negative ^ previous;
      previous = negative;
      energy += value * value;
    }
  }
  out[at] = crossings;
  out[at + 1] = energy;
}
