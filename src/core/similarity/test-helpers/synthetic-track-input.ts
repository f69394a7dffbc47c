/**
 * Seeded synthetic TrackFeatureInputs for the similarity tests: a balance curve made from the
 * reference spectrum with a tilt, an optional low-pass and ripple; band figures derived from that
 * curve; loudness series around an integrated level with a given range; a correlation series
 * around a given width; distortion and transient figures — each with seeded jitter, so that two
 * tracks made with the same character but different seeds are alike but not equal.
 */
import { createSeededRandom } from "../../test-helpers/seeded-random.js";
import { REFERENCE_BALANCE_DB } from "../reference-spectrum.js";
import { THIRD_OCTAVE_CENTRES_HZ } from "../third-octave-bands.js";
import { type BandFeatureInput, FEATURE_BANDS, type TrackFeatureInput } from "../track-feature-input.js";

export interface SyntheticTrackOptions {
  readonly seed: number;
  /** Added to the reference curve, dB per octave re 1 kHz (> 0 bright, < 0 dark). */
  readonly tiltDbPerOctave?: number;
  readonly integratedLufs?: number;
  readonly loudnessRangeLu?: number;
  /** Overall stereo width, [0, 1); 0 makes a mono track. */
  readonly width?: number;
  /** Above this the curve falls 60 dB per octave; null: full band. */
  readonly lowpassHz?: number | null;
  readonly transientsPerSecond?: number;
  readonly attackMs?: number;
  readonly durationSeconds?: number;
  /** Size of the random variation (1: small). */
  readonly jitter?: number;
}

export function syntheticTrackInput(options: SyntheticTrackOptions): TrackFeatureInput {
  const random = createSeededRandom(options.seed);
  const jitter = options.jitter ?? 1;
  const wobble = (size: number) => (2 * random() - 1) * size * jitter;
  const tilt = options.tiltDbPerOctave ?? 0;
  const integrated = options.integratedLufs ?? -14;
  const range = options.loudnessRangeLu ?? 6;
  const width = options.width ?? 0.12;
  const lowpassHz = options.lowpassHz ?? null;
  const duration = options.durationSeconds ?? 180;

  const balance = THIRD_OCTAVE_CENTRES_HZ.map((centreHz, band) => {
    const octaves = Math.log2(centreHz / 1000);
    const cut = lowpassHz !== null && centreHz > lowpassHz ? 60 * Math.log2(centreHz / lowpassHz) : 0;
    return REFERENCE_BALANCE_DB[band]! + tilt * octaves - cut + wobble(1.5);
  });
  const energies = balance.map((level) => 10 ** (level / 10));
  const total = energies.reduce((sum, value) => sum + value, 0);

  const bands: BandFeatureInput[] = FEATURE_BANDS.map((band, index) => {
    let energy = 0;
    let weighted = 0;
    const inside = THIRD_OCTAVE_CENTRES_HZ.map((centreHz, third) => ({ centreHz, energy: energies[third]! })).filter(
      ({ centreHz }) => centreHz >= band.lowHz && centreHz < band.highHz,
    );
    for (const third of inside) {
      energy += third.energy;
      weighted += third.energy * third.centreHz;
    }
    const centroidHz = energy > 0 ? weighted / energy : Math.sqrt(band.lowHz * band.highHz);
    let cumulative = 0;
    let rolloff = band.highHz;
    for (const third of inside) {
      cumulative += third.energy;
      if (cumulative >= 0.85 * energy) {
        rolloff = third.centreHz;
        break;
      }
    }
    const bandWidth = Math.min(0.95, Math.max(0, width * (0.3 + 0.4 * index) + (width > 0 ? wobble(0.03) : 0)));
    return {
      energyShare: energy / total,
      crestFactorDb: 10 + 1.5 * index + (integrated + 14) * -0.3 + wobble(1),
      peakDbfs: integrated + 12 - 2 * index + wobble(1),
      centroidHz: Math.min(band.highHz * 0.95, Math.max(band.lowHz * 1.05, centroidHz * (1 + wobble(0.1)))),
      rolloffHz: Math.min(band.highHz, Math.max(band.lowHz, rolloff * (1 + wobble(0.1)))),
      flatness: Math.min(1, Math.max(0.001, 0.3 + 0.05 * index + wobble(0.1))),
      width: bandWidth,
      correlation: Math.max(-1, Math.min(1, 1 - 2 * bandWidth + wobble(0.05))),
    };
  });

  const steps = Math.round(duration * 10);
  const shortTerm = new Float32Array(steps);
  const momentary = new Float32Array(steps);
  for (let step = 0; step < steps; step++) {
    const phase = (2 * Math.PI * step) / steps;
    const level = integrated + (range / 2) * Math.sin(3 * phase + random()) + wobble(0.5);
    shortTerm[step] = step < 20 ? -150 : level;
    momentary[step] = step < 20 ? -150 : level + wobble(2 + range / 4);
  }
  let maxShortTerm = -150;
  let maxMomentary = -150;
  for (let step = 0; step < steps; step++) {
    maxShortTerm = Math.max(maxShortTerm, shortTerm[step]!);
    maxMomentary = Math.max(maxMomentary, momentary[step]!);
  }
  const plr = Math.max(4, 8 - 0.6 * (integrated + 10) + wobble(1));
  const truePeak = Math.min(1.5, integrated + plr);
  const samplePeak = truePeak - Math.abs(wobble(0.4));
  const blocks = Math.round(duration);
  const correlation = width === 0 ? [1] : Array.from({ length: blocks }, () => 1 - 2 * width + wobble(0.3));
  const loud = integrated > -10;

  return {
    durationSeconds: duration,
    integratedLufs: integrated,
    loudnessRangeLu: range + wobble(0.5),
    loudnessRangeHighLufs: integrated + range / 2 + wobble(0.3),
    truePeakDbtp: truePeak,
    samplePeakDbfs: samplePeak,
    maxMomentaryLufs: maxMomentary,
    maxShortTermLufs: maxShortTerm,
    momentaryLufs: momentary,
    shortTermLufs: shortTerm,
    rmsDbfs: integrated + 1 + wobble(1) - tilt,
    crestFactorDb: plr + 2 + wobble(1),
    dynamicRangeDb: Math.max(2, plr - 3 + wobble(1)),
    clippingEvents: loud ? Math.round(random() * 40) : 0,
    clippedSampleFraction: loud ? random() * 1e-4 : 0,
    stereoWidth: width,
    stereoCorrelation: width === 0 ? 1 : 1 - 2 * width + wobble(0.05),
    sideToMidDb: width === 0 ? -60 : 10 * Math.log10(width / (1 - width)),
    monoLossDb: width === 0 ? 0 : -10 * Math.log10(1 - width) + wobble(0.1),
    channelBalanceDb: width === 0 ? 0 : wobble(0.5),
    correlationSeries: correlation.map((value) => Math.max(-1, Math.min(1, value))),
    bands,
    thirdOctaveLevelsDb: balance,
    thdDb: random() < 0.2 ? null : -40 + 15 * random(),
    harmonic2Db: -45 + 20 * random(),
    harmonic3Db: -45 + 20 * random(),
    transientDensityPerSecond: Math.max(0, (options.transientsPerSecond ?? 3) + wobble(0.5)),
    attackTimeMs: (options.attackMs ?? 10) * (1 + wobble(0.2)),
    attackTimeQ1Ms: (options.attackMs ?? 10) * (0.6 + wobble(0.1)),
    attackTimeQ3Ms: (options.attackMs ?? 10) * (1.6 + wobble(0.2)),
  };
}
