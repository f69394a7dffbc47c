/**
 * The harmonic/percussive soft mask of Fitzgerald (2010): with H the median of the magnitude
 * along time (kernel `harmonicKernelFrames`) and P its median along frequency (kernel
 * `percussiveKernelBins`), the percussive mask is P^p / (H^p + P^p) (p = 2: the Wiener-like
 * mask of the paper's eq. 5; large p tends to the binary mask). Silence (H = P = 0) gets 0.
 * Reference: Fitzgerald (2010), "Harmonic/percussive separation using median filtering",
 *   DAFx-10, sections 3–4.
 */

import { checkMedianKernel } from "./running-median.js";
import type { SpectralMaskRule } from "./spectral-mask-separator.js";
import { createSpectralMedianStream } from "./spectral-median-stream.js";

export interface HpssMaskOptions {
  /** Length in frames of the median along time; odd, ≥ 1 (17 ≈ 0.2 s at hop 512, 44.1 kHz). */
  readonly harmonicKernelFrames: number;
  /** Length in bins of the median along frequency; odd, ≥ 1 (17 ≈ 370 Hz at 2048 points, 44.1 kHz). */
  readonly percussiveKernelBins: number;
  /** Exponent p of the soft mask; > 0. */
  readonly power: number;
}

export const HPSS_MASK_DEFAULTS: HpssMaskOptions = { harmonicKernelFrames: 17, percussiveKernelBins: 17, power: 2 };

export function createHpssMaskRule(options: Partial<HpssMaskOptions> = {}): SpectralMaskRule {
  const { harmonicKernelFrames, percussiveKernelBins, power } = { ...HPSS_MASK_DEFAULTS, ...options };
  checkMedianKernel("createHpssMaskRule", harmonicKernelFrames);
  checkMedianKernel("createHpssMaskRule", percussiveKernelBins);
  if (!(power > 0 && Number.isFinite(power))) {
    throw new RangeError(`createHpssMaskRule: power must be a finite number > 0, got ${power}`);
  }
  const squared = power === 2;
  return {
    delayFrames: harmonicKernelFrames >> 1,
    start(bins, frames, onMask) {
      const mask = new Float32Array(bins);
      const kernels = { timeKernels: [harmonicKernelFrames], frequencyKernels: [percussiveKernelBins] };
      return createSpectralMedianStream(bins, frames, kernels, (frameIndex, medians) => {
        const harmonic = medians.timeMedians[0]!;
        const percussive = medians.frequencyMedians[0]!;
        for (let k = 0; k < bins; k++) {
          const h = squared ? harmonic[k]! * harmonic[k]! : harmonic[k]! ** power;
          const p = squared ? percussive[k]! * percussive[k]! : percussive[k]! ** power;
          const sum = h + p;
          mask[k] = sum > 0 ? p / sum : 0;
        }
        onMask(frameIndex, mask);
      });
    },
  };
}
