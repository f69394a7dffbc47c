/**
 * The trained drum models shipped with tonearm and which one suits an input: the full-band
 * model (bands from 60 Hz to Nyquist, as `drumInputFromSignal` gives by default) when the
 * input has every band it reads, else the rhythm-bands model (bands to 4 kHz, as the
 * analysis layer's rhythm frame pass keeps; above 4 kHz it sees only onset envelopes).
 */
import { bandsCoverPools } from "./drum-frame-features.js";
import type { DrumModel } from "./drum-model.js";
import type { DrumSpectralInput } from "./drum-spectral-input.js";
import { FULL_BAND_DRUM_MODEL } from "./trained-drum-model-full-band.js";
import { RHYTHM_BANDS_DRUM_MODEL } from "./trained-drum-model-rhythm-bands.js";

/** The shipped models, preferred first. */
export const TRAINED_DRUM_MODELS: readonly DrumModel[] = [FULL_BAND_DRUM_MODEL, RHYTHM_BANDS_DRUM_MODEL];

/** The first shipped model whose bands the input has; throws when none fits (a caller's mistake). */
export function trainedDrumModelFor(input: Pick<DrumSpectralInput, "bandCenterHz">): DrumModel {
  const model = TRAINED_DRUM_MODELS.find((candidate) => bandsCoverPools(input.bandCenterHz, candidate.network.layout));
  if (model === undefined) {
    throw new RangeError("trainedDrumModelFor: the input lacks bands between 60 Hz and 4 kHz that every model reads");
  }
  return model;
}
