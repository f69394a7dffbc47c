/**
 * Level recommendations against a genre target: integrated loudness, true peak, dynamics
 * (peak-to-loudness ratio, PLR = true peak − integrated loudness), loudness range, clipping and
 * DC offset. Severity: inside the target "ok"; loudness up to 2 LU, PLR up to 2 dB and LRA up to
 * 3 LU outside the range "minor", beyond that "major"; a true peak above the ceiling "minor",
 * above 0 dBTP "major"; 1–9 clipped runs "minor", 10 or more "major"; DC offset above −60 dBFS
 * (0.1 % of full scale) "minor", above −40 dBFS (1 %) "major".
 * Loudness moves are given in full (a limiter's input gain moves the integrated loudness about
 * dB for dB); PLR and LRA moves name the distance to the nearest edge of the range.
 * References: ITU-R BS.1770-4 (loudness, true peak); EBU Tech 3342 (LRA); AES TD1008 (PLR as
 * the figure normalisation cannot change; −1 dBTP); B. Katz, "Mastering Audio", 3rd ed. (2015).
 */
import { level as levelText, magnitude, signed } from "./format-levels.js";
import type { GenreTarget } from "./genre-target.js";
import type { MasteringFigures } from "./mastering-figures.js";
import {
  cannotAssess,
  issueMessage,
  okMessage,
  outsideBy,
  type Recommendation,
  type RecommendationLevel,
  severityOutside,
} from "./recommendation.js";

const LOUDNESS_MINOR_LU = 2;
const PLR_MINOR_DB = 2;
const LRA_MINOR_LU = 3;
const CLIPPING_MAJOR_RUNS = 10;
const DC_MINOR_DBFS = -60;
const DC_MAJOR_DBFS = -40;
const DC_FLOOR_DBFS = -120;
const NO_LOUDNESS = "no integrated loudness: the track is silent or shorter than 400 ms";

export function assessLoudness(
  figures: MasteringFigures,
  target: GenreTarget,
  level: RecommendationLevel,
): Recommendation {
  const { targetLufs, minLufs, maxLufs } = target.loudness;
  const range = { min: minLufs, max: maxLufs, ideal: targetLufs };
  const measured = figures.integratedLufs;
  if (measured === null) return cannotAssess("loudness", "Loudness", NO_LOUDNESS, "LUFS", range, "LU");
  const delta = measured - targetLufs;
  const severity = severityOutside(outsideBy(measured, minLufs, maxLufs), LOUDNESS_MINOR_LU);
  const acceptable = `${levelText(minLufs, "LUFS")} to ${levelText(maxLufs, "LUFS")}`;
  const base = { area: "loudness", severity, measured, unit: "LUFS", target: range, delta, deltaUnit: "LU" } as const;
  if (severity === "ok") {
    const fact = `Integrated loudness ${levelText(measured, "LUFS")}: within the ${target.name} target (${acceptable}, ideal ${levelText(targetLufs, "LUFS")})`;
    return { ...base, message: okMessage(level, "Loudness", fact) };
  }
  const louder = delta > 0;
  const amount = magnitude(delta);
  const ceiling = levelText(target.truePeakCeilingDbtp, "dBTP");
  const message = issueMessage(level, {
    label: "Loudness",
    fact: `Integrated loudness ${levelText(measured, "LUFS")} is ${amount} LU ${louder ? "above" : "below"} the ${target.name} target of ${levelText(targetLufs, "LUFS")} (acceptable ${acceptable})`,
    suggestion: louder
      ? `backing off the limiter by about ${amount} dB: streaming platforms turn loud masters down anyway`
      : `raising the level by about ${amount} dB with the limiter, keeping true peaks at or below ${ceiling}`,
    prescription: louder
      ? `reduce limiter input by ${amount} dB and set the ceiling to ${ceiling}`
      : `raise limiter input by ${amount} dB with the ceiling at ${ceiling} (true-peak mode); if the limiter then reduces more than 3 dB, add 1–2 dB of bus compression (2:1, 30 ms attack) before it`,
  });
  return { ...base, message };
}

export function assessTruePeak(
  figures: MasteringFigures,
  target: GenreTarget,
  level: RecommendationLevel,
): Recommendation {
  const ceilingDbtp = target.truePeakCeilingDbtp;
  const range = { min: null, max: ceilingDbtp, ideal: null };
  const measured = figures.truePeakDbtp;
  if (measured === null) {
    return cannotAssess("true-peak", "True peak", "no true peak: the track is silent", "dBTP", range, "dB");
  }
  const delta = measured - ceilingDbtp;
  const severity = measured > 0 ? "major" : delta > 0 ? "minor" : "ok";
  const ceiling = levelText(ceilingDbtp, "dBTP");
  const base = { area: "true-peak", severity, measured, unit: "dBTP", target: range, delta, deltaUnit: "dB" } as const;
  if (severity === "ok") {
    const fact = `True peak ${levelText(measured, "dBTP")}: within the ${target.name} ceiling of ${ceiling}`;
    return { ...base, message: okMessage(level, "True peak", fact) };
  }
  const over = measured > 0 ? " (over full scale: it clips on conversion)" : "";
  const message = issueMessage(level, {
    label: "True peak",
    fact: `True peak ${levelText(measured, "dBTP")} is ${magnitude(delta)} dB above the ${target.name} ceiling of ${ceiling}${over}`,
    suggestion: `a true-peak (oversampling) limiter with its ceiling at ${ceiling}`,
    prescription: `limiter in true-peak mode (4× oversampling or more), ceiling ${ceiling}, i.e. ${magnitude(delta)} dB lower than the peaks now`,
  });
  return { ...base, message };
}

export function assessDynamics(
  figures: MasteringFigures,
  target: GenreTarget,
  level: RecommendationLevel,
): Recommendation {
  const { min, max } = target.peakToLoudnessDb;
  const range = { min, max, ideal: null };
  const { truePeakDbtp, integratedLufs } = figures;
  if (truePeakDbtp === null || integratedLufs === null) {
    return cannotAssess("dynamics", "Dynamics (PLR)", NO_LOUDNESS, "dB", range);
  }
  const measured = truePeakDbtp - integratedLufs;
  const delta = outsideBy(measured, min, max);
  const severity = severityOutside(delta, PLR_MINOR_DB);
  const rangeText = `${min.toFixed(1)}–${max.toFixed(1)} dB`;
  const base = { area: "dynamics", severity, measured, unit: "dB", target: range, delta, deltaUnit: "dB" } as const;
  if (severity === "ok") {
    const fact = `Peak-to-loudness ratio ${measured.toFixed(1)} dB: within the ${target.name} range (${rangeText})`;
    return { ...base, message: okMessage(level, "Dynamics (PLR)", fact) };
  }
  const squashed = delta < 0;
  const amount = magnitude(delta);
  const ceiling = levelText(target.truePeakCeilingDbtp, "dBTP");
  const message = issueMessage(level, {
    label: "Dynamics (PLR)",
    fact: `Peak-to-loudness ratio ${measured.toFixed(1)} dB is ${amount} dB ${squashed ? "below" : "above"} the ${target.name} range (${rangeText})${squashed ? ": heavily limited" : ": more dynamic than the genre usually is"}`,
    suggestion: squashed
      ? `easing the limiter or bus compression to regain about ${amount} dB of peak-to-loudness ratio`
      : `bus compression or more limiting for about ${amount} dB more density`,
    prescription: squashed
      ? `lower the limiter input by ${amount} dB (about ${amount} dB less gain reduction; loudness falls by about as much) and lengthen its release to 100–200 ms`
      : `bus compressor 2:1, attack 30 ms, release 200 ms, threshold for 2–3 dB of gain reduction, then raise the limiter input by ${amount} dB with the ceiling at ${ceiling}`,
  });
  return { ...base, message };
}

export function assessLoudnessRange(
  figures: MasteringFigures,
  target: GenreTarget,
  level: RecommendationLevel,
): Recommendation {
  const { min, max } = target.loudnessRangeLu;
  const range = { min, max, ideal: null };
  const measured = figures.loudnessRangeLu;
  if (measured === null) {
    const reason = "no loudness range: silent, or no full 3 s window above the gate";
    return cannotAssess("loudness-range", "Loudness range", reason, "LU", range);
  }
  const delta = outsideBy(measured, min, max);
  const severity = severityOutside(delta, LRA_MINOR_LU);
  const rangeText = `${min.toFixed(1)}–${max.toFixed(1)} LU`;
  const base = {
    area: "loudness-range",
    severity,
    measured,
    unit: "LU",
    target: range,
    delta,
    deltaUnit: "LU",
  } as const;
  if (severity === "ok") {
    const fact = `Loudness range ${measured.toFixed(1)} LU: within the ${target.name} range (${rangeText})`;
    return { ...base, message: okMessage(level, "Loudness range", fact) };
  }
  const even = delta < 0;
  const amount = magnitude(delta);
  const message = issueMessage(level, {
    label: "Loudness range",
    fact: `Loudness range ${measured.toFixed(1)} LU is ${amount} LU ${even ? "below" : "above"} the ${target.name} range (${rangeText})${even ? ": sections differ little in level" : ": quiet and loud sections differ a lot"}`,
    suggestion: even
      ? "more contrast between sections (level automation) rather than more compression"
      : "riding the quiet sections up or gentle, slow compression",
    prescription: even
      ? `automate the quiet sections (breakdowns, verses) about ${amount} dB lower than the loud ones, or ease the bus compression to 1.5:1`
      : `raise the quiet sections by about ${amount} dB with clip gain or automation, or compress 1.5:1, attack 30 ms, release 300 ms, 2–3 dB of gain reduction on the loud parts`,
  });
  return { ...base, message };
}

export function assessClipping(
  figures: MasteringFigures,
  target: GenreTarget,
  level: RecommendationLevel,
): Recommendation {
  const range = { min: null, max: 0, ideal: 0 };
  const runs = figures.clippingEvents;
  if (runs === null) return cannotAssess("clipping", "Clipping", "not measured", "runs", range);
  const severity = runs === 0 ? "ok" : runs < CLIPPING_MAJOR_RUNS ? "minor" : "major";
  const base = {
    area: "clipping",
    severity,
    measured: runs,
    unit: "runs",
    target: range,
    delta: runs,
    deltaUnit: "runs",
  } as const;
  if (severity === "ok") return { ...base, message: okMessage(level, "Clipping", "No clipped runs") };
  const samples = figures.clippedSamples === null ? "" : ` (${figures.clippedSamples} samples at full scale)`;
  const ceiling = levelText(target.truePeakCeilingDbtp, "dBTP");
  const message = issueMessage(level, {
    label: "Clipping",
    fact: `${runs} clipped run${runs === 1 ? "" : "s"}${samples}`,
    suggestion: "lowering the gain into the limiter and checking the mix for overs",
    prescription: `render from a floating-point mix, end the chain with a true-peak limiter at ${ceiling} and nothing after it; repair clipping already in the mix with a declipper before mastering`,
  });
  return { ...base, message };
}

export function assessDcOffset(
  figures: MasteringFigures,
  _target: GenreTarget,
  level: RecommendationLevel,
): Recommendation {
  const range = { min: null, max: DC_MINOR_DBFS, ideal: null };
  const offset = figures.dcOffset;
  if (offset === null) return cannotAssess("dc-offset", "DC offset", "not measured", "dBFS", range, "dB");
  const magnitudeFs = Math.abs(offset);
  const measured = magnitudeFs > 0 ? Math.max(DC_FLOOR_DBFS, 20 * Math.log10(magnitudeFs)) : DC_FLOOR_DBFS;
  const delta = measured - DC_MINOR_DBFS;
  const severity = measured <= DC_MINOR_DBFS ? "ok" : measured <= DC_MAJOR_DBFS ? "minor" : "major";
  const base = { area: "dc-offset", severity, measured, unit: "dBFS", target: range, delta, deltaUnit: "dB" } as const;
  if (severity === "ok") {
    return { ...base, message: okMessage(level, "DC offset", `DC offset ${levelText(measured, "dBFS")}: negligible`) };
  }
  const message = issueMessage(level, {
    label: "DC offset",
    fact: `DC offset ${levelText(measured, "dBFS")} (${signed(offset, 4)} of full scale) is above the ${levelText(DC_MINOR_DBFS, "dBFS", 0)} threshold`,
    suggestion: "removing it before limiting (it wastes headroom and clicks at edits)",
    prescription: "high-pass at 10 Hz (12 dB/oct) or a DC-removal filter first in the chain",
  });
  return { ...base, message };
}
