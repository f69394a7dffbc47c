/**
 * docs/eval-library-audio.md: the held-out evaluation of the "audio" genre evidence — how it was
 * run (command, date, machine, commit, the test library), top-1 accuracy by vector kind, album
 * aggregation, metric and k, the minimum-similarity trade-off, and for the shipped configuration
 * the routes the evidence alone reaches, the confusion and the speed on a large library.
 */

import type { AudioVectorKind } from "../../src/library/suggest/audio-feature-vector.js";
import type { AudioNeighbourOptions } from "../../src/library/suggest/audio-genre-neighbours.js";
import { describeMachine, type MachineInfo } from "../machine-info.js";
import {
  aggregation,
  type CombinationRow,
  combinationTable,
  confusionTable,
  type GridRow,
  gridTable,
  type KnowledgeRow,
  knowledgeTable,
  metricSentence,
  percent,
  routeTable,
  type ThresholdRow,
  thresholdSentence,
  thresholdTable,
} from "./audio-eval-tables.js";
import type { HoldOutScore } from "./leave-out-evaluation.js";
import type { TestAlbum } from "./test-library.js";

export type { CombinationRow, GridRow, KnowledgeRow, ThresholdRow } from "./audio-eval-tables.js";

export interface AudioEvalFacts {
  readonly date: Date;
  readonly machine: MachineInfo;
  readonly albums: readonly TestAlbum[];
  readonly soundfonts: readonly string[];
  readonly audioSeconds: number;
  readonly analysisWallSeconds: number;
  readonly computedTracks: number;
  readonly grid: readonly GridRow[];
  readonly knowledge: readonly KnowledgeRow[];
  readonly combinations: readonly CombinationRow[];
  readonly recommended: { readonly kind: AudioVectorKind; readonly spread: boolean };
  readonly defaults: AudioNeighbourOptions;
  readonly thresholds: readonly ThresholdRow[];
  readonly details: { readonly album: HoldOutScore; readonly artist: HoldOutScore; readonly genre: HoldOutScore };
  readonly speed: { readonly albums: number; readonly dimensions: number; readonly seconds: number };
  readonly totalSeconds: number;
}

/** The nearest-centroid baseline against the shipped k-NN, for the default vector. */
function centroidSentence(facts: AudioEvalFacts): string {
  const { kind, spread } = facts.recommended;
  const centroid = facts.knowledge.find((row) => row.kind === kind && row.spread === spread)?.centroid;
  const knn = facts.grid.find(
    (row) =>
      row.kind === kind && row.spread === spread && row.metric === facts.defaults.metric && row.k === facts.defaults.k,
  );
  if (centroid === undefined || knn === undefined) return "";
  return `The nearest-centroid baseline scores ${percent(centroid.album)} / ${percent(centroid.artist)} on the default vector, against ${percent(
    knn.album,
  )} / ${percent(knn.artist)} for the k-NN at k = ${knn.k}: on one-recipe genres a single mean per genre is enough. Real genres are
  many-sounding (a library's "Rock" spans decades of production), which a centroid blurs and neighbours keep; should an evaluation on a
  real library show no such spread, the centroid is worth offering as an alternative.`;
}

export function audioEvalDocument(facts: AudioEvalFacts): string {
  const tracks = facts.albums.reduce((sum, album) => sum + album.tracks.length, 0);
  const genres = [...new Set(facts.albums.map((album) => album.genre))];
  const artists = new Set(facts.albums.map((album) => album.artist)).size;
  const best = [...facts.grid].sort((a, b) => b.artist - a.artist || b.album - a.album)[0];
  const { k, metric, minSimilarity } = facts.defaults;
  return `# The "audio" genre evidence on held-out albums

Written by \`npx tsx eval/library/audio-genres.ts\` (eval/library/); re-run it to refresh
(renders and track vectors are cached under the system's temporary folder, so a re-run takes
seconds; a first run renders and analyses every track: 2–3 s a track on an idle 2-core machine,
about 4.5 s when others load it, so about 13 minutes for the whole library at the worst).

- date: ${facts.date.toISOString()}
- machine: ${describeMachine(facts.machine)}
- commit: ${facts.machine.commit}
- test library: ${genres.length} pseudo-genres (${genres.join(", ")}) × ${artists / genres.length} artists × ${
    facts.albums.length / artists
  } albums = ${facts.albums.length} albums, ${tracks} tracks, ${facts.audioSeconds.toFixed(0)} s of audio,
  composed from fixed seeds (eval/library/pseudo-genres.ts) and rendered by FluidSynth with ${
    facts.soundfonts.length
  } General MIDI soundfonts (${facts.soundfonts.map((path) => path.split("/").pop()).join(", ")}); an artist's two albums use different soundfonts and each soundfont serves each genre equally often
- render and analysis: ${facts.analysisWallSeconds.toFixed(1)} s (${facts.computedTracks} tracks computed, the rest cached); whole run ${facts.totalSeconds.toFixed(1)} s

The pseudo-genres differ the way genres do: instruments (an artist keeps one choice per role from
its genre's palette), tempo range, drum groove (rock back-beat, swung ride, four-on-the-floor,
one-drop, none) and harmony (power chords, seventh chords, pads, triads and cadences, skank).
Albums vary key, mode, progression, tempo and seed. The queried album never votes for itself.
**Leave one album out** lets the same artist's other album vote, **leave one artist out** does
not: real libraries hold several albums per artist, but the artist-out figure is the one that
says whether the audio knows the genre rather than the artist. Chance is ${Math.round(100 / genres.length)} %.

## Vector, album aggregation, metric and k

Top-1 accuracy with no minimum similarity, as *album out / artist out*. Vectors: \`features\` =
the features analysis summary (MFCC, spectral shape, contrast, key-free chroma profile) + tempo;
\`mastering\` = the 128-dimension mastering vector; both concatenated. Each dimension z-scored
over the library; album vector = mean of its tracks (or mean and standard deviation).

${gridTable(facts.grid)}

What the nearest album (one album out, cosine) has in common with the query (chance for the
soundfont is about a third: ${facts.soundfonts.length} soundfonts, used equally in every genre; the
artist's other album is 1 of ${facts.albums.length - 1}), and, as a trained-classifier baseline, the
top-1 of the nearest genre centroid (mean z-scored vector of the genre's other albums, cosine;
album out / artist out).

${knowledgeTable(facts.knowledge)}

Best by artist-out accuracy: ${best === undefined ? "—" : `${best.kind}, ${aggregation(best.spread)}, ${best.metric}, k = ${best.k} (${percent(best.album)} / ${percent(best.artist)})`}.

## Minimum similarity

Vector ${facts.recommended.kind} (${aggregation(facts.recommended.spread)}), ${metric}, k = ${k}. Albums
with no neighbour at or above the minimum get no evidence (counted wrong in top-1). *Unseen genre*:
every album of the query's genre is unlabelled, so any evidence is wrong; a useful minimum keeps
this column low.

${thresholdTable(facts.thresholds)}

## The shipped configuration

Vector ${facts.recommended.kind} (${aggregation(facts.recommended.spread)}), ${metric}, k = ${k},
minimum similarity ${minSimilarity}. Routes are what \`aggregateGenres\` + \`routeFor\` make of the
audio evidence alone (source weight 0.3): one source of weight 0.3 at its strongest label can
reach at most 100 · (1 − e^(−1.5 · 0.3)) ≈ 36, so it can never be applied automatically, nor
even reach review, by itself.

${routeTable(facts.details)}

With other offline sources (each naming the genre at weight 1), through \`aggregateGenres\`:

${combinationTable(facts.combinations)}

Suggested genre by true genre, one artist held out:

${confusionTable(facts.details.artist)}

The same for a genre the library has no labelled album of (leave one genre out): every
suggestion is wrong, "—" is no evidence:

${confusionTable(facts.details.genre)}

## Reading the results

- The test library is small (${facts.albums.length} albums: one album is ${percent(1 / facts.albums.length)}; the standard
  error of an accuracy near 85 % is about ${percent(Math.sqrt((0.85 * 0.15) / facts.albums.length))}), so only large
  differences in the grid mean anything. Its genres are also cleaner than real ones (each is one
  recipe); accuracy on a real library will be lower. What it does show: which vector carries the
  genre rather than the recording, and that the evidence behaves safely in the aggregation.
- The mastering vector describes production (balance, dynamics, stereo): its nearest album shares
  the soundfont far more often than chance and it falls well behind once k > 1. The features
  summary (timbre, key-free tonal profile, tempo) holds up under artist hold-out and needs only
  analyses that run by default, so it is the default (\`DEFAULT_AUDIO_VECTOR_KIND\`). Adding the
  track spread (mean + std) or the mastering vector did not help it reliably. The best single cell
  above is there for completeness: a k = 1 cell rests on one neighbour per album, so compare rows
  across k.
- ${metricSentence(facts.grid)} The k values differ by about the noise; the default k = 3 keeps
  graded weights and outvotes one odd neighbour, and a real library, with many more albums per
  genre, supports larger k.
- ${centroidSentence(facts)}
- ${thresholdSentence(facts.thresholds, facts.defaults.minSimilarity)} The minimum cannot tell a
  genre the library lacks from one it has: an unseen genre still finds neighbours in the nearest
  seen genre (where they go: the last table of the previous section). The real protection is the source's weight:
  the audio evidence alone stays manual, and only with two agreeing offline sources can it lift a
  suggestion to review, never to automatic application.

## Speed

${facts.speed.albums} albums of ${facts.speed.dimensions} dimensions: index and the evidence for every
album in ${facts.speed.seconds.toFixed(2)} s (${((1000 * facts.speed.seconds) / facts.speed.albums).toFixed(2)} ms per album).
`;
}
