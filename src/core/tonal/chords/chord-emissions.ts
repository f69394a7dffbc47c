/**
 * Chord emission scores: for each step (a beat) and each chord state, a log-likelihood
 * from the step's treble and bass chroma.
 *   Treble (Fujishima's templates as a cosine score): s_c = ⟨x/‖x‖, t_c/‖t_c‖⟩, where t_c
 *   is 1 on the chord's tones (`rootWeight` on the root) and 0 elsewhere; N scores
 *   max(`noChordSimilarity`, flatness ⟨x/‖x‖, 1/√12⟩), so flat spectra (noise) and steps
 *   where no template fits well enough fall to N.
 *   Bass (Mauch & Dixon's bass node): the bass chroma as a distribution q over pitch
 *   classes scores Σ_k q_k log P_c(k), with P_c putting `bassRootProbability` on the root,
 *   `bassFifthProbability` on the perfect fifth, `bassToneProbability` spread over the other
 *   chord tones (the fifth's share too, for chords without one) and the rest over the
 *   remaining pitch classes; N has the uniform P = 1/12. The fifth is nearly as likely as
 *   the root: bass lines alternate root and fifth within a chord, and a bass that had to be
 *   the root named half of such a bar after the fifth; a third in the bass (an inversion)
 *   stays rarer, so a chord over its own root still beats the chord a third below it.
 *   Measured (root 0.6, other tones 0.3 → root 0.4, fifth 0.35, other tones 0.15): majmin
 *   WCSR on the tuning songs (dev and train-9001, 9004, 9006) 0.924 → 0.939, then on 150
 *   songs never tuned on (val, test-9101 … 9106) 0.908 → 0.926, sevenths 0.786 → 0.784.
 *   Salience: both terms fade with the step's loudness relative to the track's loud steps
 *   (the `loudQuantile` of treble energy), on a log scale from the floor `silenceDb` under
 *   the loud level: a_t = clamp(log(level_t / floor) / log(loud / floor), 0, 1), so fades and
 *   silence go to N.
 *   log B(t, c) = sharpness · (a_t·s_c + (1 − a_t)·s_silence) + bassWeight · a_t^b · bass term.
 * Output: steps × states, row-major, finite (a step without energy scores N best).
 * Reference: Fujishima (1999), "Realtime chord recognition of musical sound", ICMC;
 *   Mauch & Dixon (2010), IEEE TASLP 18(6), §III (bass and treble observations);
 *   Cho & Bello (2014), "On the relative importance of individual components of chord
 *   recognition systems", IEEE/ACM TASLP 22(2) (templates + HMM smoothing).
 */
import type { ChordVocabulary } from "./chord-vocabulary.js";

export interface ChordEmissionOptions {
  /** Scale of the treble similarity in log units; > 0 (larger = sharper decisions). */
  readonly sharpness: number;
  /** Similarity N is credited with whatever the chroma; in [0, 1]. */
  readonly noChordSimilarity: number;
  /** Template weight of the root relative to the other chord tones; > 0. */
  readonly rootWeight: number;
  /** Scale of the bass term in log units; ≥ 0 (0 ignores the bass). */
  readonly bassWeight: number;
  /** Probability of the root in the bass; in (0, 1). */
  readonly bassRootProbability: number;
  /** Probability of the chord's perfect fifth in the bass, when it has one; in [0, 1 − root). */
  readonly bassFifthProbability: number;
  /** Probability of the other chord tones together in the bass (with the fifth's, when the chord has none); in (0, 1 − root − fifth). */
  readonly bassToneProbability: number;
  /** Log-prior penalty of seventh chords against triads; ≥ 0. */
  readonly seventhPenalty: number;
  /** Log-prior penalty of dim, aug, sus2 and sus4 against triads; ≥ 0. */
  readonly colourPenalty: number;
  /** Gain γ of the log compression x ↦ log(1 + γ·x/max x) of each step's treble; 0 disables it. */
  readonly compressionGain: number;
  /** Quantile of step treble energies taken as the track's loud level; in (0, 1]. */
  readonly loudQuantile: number;
  /** Steps this far (dB) under the loud level count as silence; < 0. */
  readonly silenceDb: number;
}

export const CHORD_EMISSION_DEFAULTS: ChordEmissionOptions = {
  sharpness: 40,
  noChordSimilarity: 0.4,
  rootWeight: 1,
  bassWeight: 15,
  bassRootProbability: 0.4,
  bassFifthProbability: 0.35,
  bassToneProbability: 0.15,
  compressionGain: 3,
  seventhPenalty: 3,
  colourPenalty: 8,
  loudQuantile: 0.9,
  silenceDb: -40,
};

/** Beat-synchronous observations: steps × 12 each, unnormalised energies. */
export interface ChordObservations {
  readonly steps: number;
  readonly treble: Float32Array;
  readonly bass: Float32Array;
}

export interface ChordEmissions {
  /** steps × states log-likelihoods. */
  readonly logLikelihoods: Float32Array;
  /** Per step, 0 (silent) … 1 (at the track's loud level). */
  readonly salience: Float32Array;
  /** Per step, 1 − flatness of the treble chroma: 0 for flat noise, ≈ 0.5 for a triad. */
  readonly clarity: Float32Array;
}

export function chordEmissions(
  observations: ChordObservations,
  vocabulary: ChordVocabulary,
  options: Partial<ChordEmissionOptions> = {},
): ChordEmissions {
  const resolved = { ...CHORD_EMISSION_DEFAULTS, ...options };
  const { sharpness, bassRootProbability, bassFifthProbability, bassToneProbability, loudQuantile, silenceDb } =
    resolved;
  if (!(sharpness > 0)) throw new RangeError(`chordEmissions: sharpness must be > 0, got ${sharpness}`);
  if (
    !(
      bassRootProbability > 0 &&
      bassFifthProbability >= 0 &&
      bassToneProbability > 0 &&
      bassRootProbability + bassFifthProbability + bassToneProbability < 1
    )
  ) {
    throw new RangeError(
      `chordEmissions: need bass probabilities > 0 (the fifth's ≥ 0) summing below 1, got ${bassRootProbability} + ${bassFifthProbability} + ${bassToneProbability}`,
    );
  }
  if (!(silenceDb < 0)) throw new RangeError(`chordEmissions: silenceDb must be < 0, got ${silenceDb}`);
  const { steps, treble, bass } = observations;
  const tables = emissionTables(vocabulary, resolved);
  const energy = trebleEnergies(treble, steps);
  const loud = quantile(energy, loudQuantile);
  const floor = loud * 10 ** (silenceDb / 20);
  const logLikelihoods = new Float32Array(steps * vocabulary.states);
  const salience = new Float32Array(steps);
  const clarity = new Float32Array(steps);
  const scratch = new Float64Array(24);
  const bins = new Int32Array(12);
  // One call per step: a small function V8 optimises once, with complete type feedback.
  for (let t = 0; t < steps; t++) {
    scoreStep(
      t,
      treble,
      bass,
      energy[t]!,
      loud,
      floor,
      resolved,
      tables,
      scratch,
      bins,
      logLikelihoods,
      salience,
      clarity,
    );
  }
  return { logLikelihoods, salience, clarity };
}

/** The vocabulary's templates, bass log-probabilities and priors, chord-major: states × 12. */
interface EmissionTables {
  readonly states: number;
  readonly noChordState: number;
  /** Normalised treble templates. */
  readonly templates: Float32Array;
  /** Each template's non-zero pitch classes, ascending (12 slots per state, −1 after the last). */
  readonly tones: Int32Array;
  readonly bassLog: Float32Array;
  readonly prior: Float32Array;
}

/** Semitones from a root to its perfect fifth. */
const PERFECT_FIFTH = 7;

/** Log-probability of a bass pitch class under N (uniform). */
const UNIFORM_BASS_LOG = Math.log(1 / 12);

/** Tables by vocabulary and template options: every track of a process shares them. */
const TABLE_CACHE = new Map<string, EmissionTables>();

function emissionTables(vocabulary: ChordVocabulary, options: ChordEmissionOptions): EmissionTables {
  const { rootWeight, bassRootProbability, bassFifthProbability, bassToneProbability, seventhPenalty, colourPenalty } =
    options;
  const { states, noChordState, qualities } = vocabulary;
  const key = JSON.stringify([
    qualities.map((quality) => [quality.intervals, quality.family]),
    rootWeight,
    bassRootProbability,
    bassFifthProbability,
    bassToneProbability,
    seventhPenalty,
    colourPenalty,
  ]);
  const cached = TABLE_CACHE.get(key);
  if (cached !== undefined) return cached;
  const templates = new Float32Array(states * 12);
  const bassLog = new Float32Array(states * 12);
  const prior = new Float32Array(states);
  for (let q = 0; q < qualities.length; q++) {
    const intervals = qualities[q]!.intervals;
    const norm = Math.sqrt(rootWeight * rootWeight + intervals.length - 1);
    const hasFifth = intervals.includes(PERFECT_FIFTH);
    const fifth = hasFifth ? bassFifthProbability : 0;
    const tone = (bassToneProbability + bassFifthProbability - fifth) / (intervals.length - (hasFifth ? 2 : 1));
    const other = (1 - bassRootProbability - bassFifthProbability - bassToneProbability) / (12 - intervals.length);
    const penalty = [0, seventhPenalty, colourPenalty][qualities[q]!.family]!;
    for (let root = 0; root < 12; root++) {
      prior[q * 12 + root] = -penalty;
      const row = (q * 12 + root) * 12;
      for (let k = 0; k < 12; k++) bassLog[row + k] = Math.log(other);
      for (const interval of intervals) {
        const pitchClass = (root + interval) % 12;
        templates[row + pitchClass] = (interval === 0 ? rootWeight : 1) / norm;
        bassLog[row + pitchClass] = Math.log(
          interval === 0 ? bassRootProbability : interval === PERFECT_FIFTH ? fifth : tone,
        );
      }
    }
  }
  // The similarity adds only the non-zero products, in the dense loop's order; the zero
  // products it skips would add +0 to a sum that is never −0, which changes no bit.
  const tones = new Int32Array(states * 12).fill(-1);
  for (let state = 0; state < noChordState; state++) {
    let slot = 0;
    for (let k = 0; k < 12; k++) if (templates[state * 12 + k] !== 0) tones[state * 12 + slot++] = k;
  }
  const tables = { states, noChordState, templates, tones, bassLog, prior };
  TABLE_CACHE.set(key, tables);
  return tables;
}

/** Per step, the sum of the treble chroma's positive finite values. */
function trebleEnergies(treble: Float32Array, steps: number): Float64Array {
  const energy = new Float64Array(steps);
  for (let t = 0; t < steps; t++) {
    let sum = 0;
    for (let k = 0; k < 12; k++) {
      const value = treble[t * 12 + k]!;
      if (Number.isFinite(value) && value > 0) sum += value;
    }
    energy[t] = sum;
  }
  return energy;
}

/**
 * Step t's salience, clarity and row of log-likelihoods. `scratch` holds 24 values: the
 * unit treble vector, then the bass distribution; `bins` the 12 bins' indices.
 */
function scoreStep(
  t: number,
  treble: Float32Array,
  bass: Float32Array,
  level: number,
  loud: number,
  floor: number,
  options: ChordEmissionOptions,
  tables: EmissionTables,
  scratch: Float64Array,
  bins: Int32Array,
  logLikelihoods: Float32Array,
  salience: Float32Array,
  clarity: Float32Array,
): void {
  const { sharpness, noChordSimilarity, bassWeight, compressionGain } = options;
  const { states, noChordState } = tables;
  const a = loud > 0 && level > floor ? Math.min(1, Math.log(level / floor) / Math.log(loud / floor)) : 0;
  salience[t] = a;
  // One pass over the bins gathers the uncompressed chroma's sums (each in bin order).
  let largest = 0;
  let rawNorm = 0;
  let rawSum = 0;
  let bassSum = 0;
  for (let k = 0; k < 12; k++) {
    const value = treble[t * 12 + k]!;
    const unit = Number.isFinite(value) && value > 0 ? value : 0;
    scratch[k] = unit;
    largest = Math.max(largest, unit);
    rawNorm += unit * unit;
    rawSum += unit;
    const bassValue = bass[t * 12 + k]!;
    const share = Number.isFinite(bassValue) && bassValue > 0 ? bassValue : 0;
    scratch[12 + k] = share;
    bassSum += share;
  }
  // Flatness (cosine with the flat profile) of the uncompressed chroma: 1 for noise.
  const flatness = rawNorm > 0 ? rawSum / Math.sqrt(12 * rawNorm) : 0;
  clarity[t] = rawNorm > 0 ? 1 - flatness : 0;
  let norm = 0;
  for (let k = 0; k < 12; k++) {
    if (compressionGain > 0 && largest > 0) scratch[k] = Math.log1p((compressionGain * scratch[k]!) / largest);
    norm += scratch[k]! * scratch[k]!;
  }
  norm = Math.sqrt(norm);
  // The bins holding bass, ascending: a bin without bass adds 0 · log p = −0 to a bass
  // score, which leaves any sum unchanged, so the scores below add only these.
  let bassBins = 0;
  for (let k = 0; k < 12; k++) {
    scratch[k] = norm > 0 ? scratch[k]! / norm : 0;
    scratch[12 + k] = bassSum > 0 ? scratch[12 + k]! / bassSum : 0;
    if (scratch[12 + k] !== 0) bins[bassBins++] = k;
  }
  // The bass term counts in proportion to how loud the bass is next to the treble.
  const bassSalience = level > 0 ? a * Math.min(1, bassSum / level) : 0;
  const row = t * states;
  const bassFactor = bassSum > 0 ? bassWeight * bassSalience : Number.NaN;
  scoreChords(scratch, bins, bassBins, tables, sharpness * a, bassFactor, logLikelihoods, row);
  const noChord = Math.max(noChordSimilarity, flatness);
  logLikelihoods[row + noChordState] = sharpness * (a * noChord + (1 - a) * noChordSimilarity);
}

/**
 * One step's chord log-likelihoods into logLikelihoods[row …]: prior + sharpness·a·similarity
 * + bassWeight·bassSalience·(bass score − uniform), the bass term 0 without bass
 * (`bassFactor` NaN). The hot loop of the emissions, alone in a small function.
 */
function scoreChords(
  scratch: Float64Array,
  bins: Int32Array,
  bassBins: number,
  tables: EmissionTables,
  sharpnessA: number,
  bassFactor: number,
  logLikelihoods: Float32Array,
  row: number,
): void {
  const { noChordState, templates, tones, bassLog, prior } = tables;
  const hasBass = !Number.isNaN(bassFactor);
  for (let state = 0; state < noChordState; state++) {
    let similarity = 0;
    const templateRow = state * 12;
    for (let slot = templateRow, end = templateRow + 12; slot < end; slot++) {
      const k = tones[slot]!;
      if (k < 0) break;
      similarity += scratch[k]! * templates[templateRow + k]!;
    }
    let bassScore = 0;
    for (let i = 0; i < bassBins; i++) {
      const k = bins[i]!;
      bassScore += scratch[12 + k]! * bassLog[templateRow + k]!;
    }
    logLikelihoods[row + state] =
      prior[state]! + sharpnessA * similarity + (hasBass ? bassFactor * (bassScore - UNIFORM_BASS_LOG) : 0);
  }
}

/** The q-quantile (nearest rank) of the positive values; 0 when none. */
function quantile(values: Float64Array, q: number): number {
  const positive = values.filter((value) => value > 0).sort();
  if (positive.length === 0) return 0;
  return positive[Math.min(positive.length - 1, Math.floor(q * positive.length))]!;
}
