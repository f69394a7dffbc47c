/**
 * Weights of the learned drum mask (drum-mask-model.ts), written by
 * eval/separation/train-drum-mask.ts: do not edit by hand, re-run the training.
 * trained by eval/separation/train-drum-mask.ts on 36 songs of render-training-songs.py (seed 2718; 1440000 examples, 4096-point frames, hidden 12, 12 epochs, seed 1); held-out SDR 7.06 dB on 9 songs (plain HPSS 2.98 dB)
 */
import type { DrumMaskModel } from "./drum-mask-model.js";

export const DRUM_MASK_MODEL: DrumMaskModel = {
  description:
    "trained by eval/separation/train-drum-mask.ts on 36 songs of render-training-songs.py (seed 2718; 1440000 examples, 4096-point frames, hidden 12, 12 epochs, seed 1); held-out SDR 7.06 dB on 9 songs (plain HPSS 2.98 dB)",
  frameSizeAt44100: 4096,
  pooling: { edgesHz: [1375, 2750, 8250], groupSizes: [2, 4, 8] },
  kernels: { harmonicKernelFrames: 9, longHarmonicKernelFrames: 31, percussiveKernelBands: 17 },
  inputs: ["percussiveness", "peakiness", "onset", "longOnset", "previousOnset", "nextOnset", "logFrequency"],
  inputMean: [-1.416371, 1.813111, 0.3967402, 0.8907465, 0.2480724, 0.2439171, -1.095104],
  inputScale: [1.673594, 1.358104, 0.663263, 1.044833, 0.6190049, 0.5966067, 1.425429],
  hidden: 12,
  inputWeights: [
    -0.5908891, -0.3355822, -0.03901968, -0.6030416, -0.6390053, 1.108344, -0.2486304, 0.9244949, 0.5995114, -1.158196,
    0.04454962, 0.8867049, -0.5782215, -0.1965932, -0.6337252, 0.1377906, -0.2438025, -0.8714771, 0.6758234, -0.6273311,
    -0.6847111, 0.510327, -0.003913291, -0.3919837, -1.457725, -1.343153, 0.1665065, 0.1624831, -0.4704155, 0.0122411,
    0.05761251, -0.3900842, -0.05341143, -0.06136489, -0.2438768, -0.1721211, -0.02288533, -0.2930839, -0.02070779,
    -2.481715, -0.2093685, 0.5418715, -1.414866, -1.0419, 0.5967272, 0.4769542, 0.6152809, -0.4635231, -1.308407,
    -0.8940189, -0.9229924, -0.1245131, -0.1188559, 0.004572823, -0.2578922, -0.2337348, -0.07672804, 0.04233695,
    -0.05795099, 0.1656559, 2.358414, 1.396102, 0.4887102, 0.1868664, 0.1028862, -0.01566383, -0.04797599, 0.09394044,
    -0.0827006, -0.06201552, -0.1001195, -0.4035891, -0.1724458, -0.2248783, -1.258064, -0.3173659, 2.066726,
    -0.8387594, -0.9168884, 2.241987, -2.51608, -0.6384265, 2.250378, -2.146865,
  ],
  hiddenBias: [
    -0.5623618, 0.3402956, 1.647574, 0.09998599, 2.039489, 1.577261, -1.632572, -0.1997332, 2.677131, 1.673486,
    -1.619712, 0.06139214,
  ],
  outputWeights: [
    1.04925, -0.6784585, -0.8782056, -0.5696596, -1.856684, -1.076742, -0.4131243, 1.329295, 2.017445, -0.7801058,
    2.576671, -1.372294,
  ],
  outputBias: 0.7433756,
};
