/**
 * The drum-notation chain in one call: drum hits and the song's beat grid → the quantised
 * score, a Standard MIDI File, MusicXML 4.0, SVG pages and a PDF. Quantisation is the pure
 * core (core/drums/notation); the writers are io/midi and io/musicxml; Verovio lays out and
 * draws the pages (verovio-engraver.ts), our SVG painter and pdfkit bind them
 * (svg-pages-to-pdf.ts).
 */
import type { DrumBeatGrid, DrumHit } from "../../core/drums/drum-hit.js";
import type { DrumScore } from "../../core/drums/notation/drum-score.js";
import { type QuantizeDrumsOptions, quantizeDrums } from "../../core/drums/notation/quantize-drums.js";
import { drumScoreToMidi } from "../midi/drum-score-to-midi.js";
import { type DrumMusicXmlOptions, drumScoreToMusicXml } from "../musicxml/drum-score-to-musicxml.js";
import { millimetresToPoints, svgPagesToPdf } from "./svg-pages-to-pdf.js";
import {
  ENGRAVE_LAYOUT_DEFAULTS,
  type EngraveLayoutOptions,
  sharedVerovioEngraver,
  type VerovioEngraver,
} from "./verovio-engraver.js";

export interface EngraveDrumsOptions {
  /** Title of the score, the MIDI file and the PDF. */
  readonly title: string;
  /** Under the title in the score; "" for none. */
  readonly subtitle: string;
  readonly quantize: Partial<QuantizeDrumsOptions>;
  readonly musicXml: Partial<Omit<DrumMusicXmlOptions, "title" | "subtitle">>;
  readonly layout: Partial<EngraveLayoutOptions>;
  /** The engraver to use; the process's shared one by default. */
  readonly engraver?: VerovioEngraver;
}

export interface DrumEngraving {
  readonly score: DrumScore;
  /** Standard MIDI File, format 1. */
  readonly midi: Uint8Array;
  readonly musicXml: string;
  /** One SVG document per page. */
  readonly svgPages: string[];
  readonly pdf: Uint8Array;
  /**
   * Verovio's warnings while reading the MusicXML, then "PDF page n: …" for what the PDF
   * could not draw of the SVG (empty when nothing was lost).
   */
  readonly engraveLog: string[];
}

export async function engraveDrums(
  hits: readonly DrumHit[],
  grid: DrumBeatGrid,
  options: Partial<EngraveDrumsOptions> = {},
): Promise<DrumEngraving> {
  const title = options.title ?? "Drums";
  const subtitle = options.subtitle ?? "";
  const score = quantizeDrums(hits, grid, options.quantize);
  const midi = drumScoreToMidi(score, { trackName: title });
  const musicXml = drumScoreToMusicXml(score, { ...options.musicXml, title, subtitle });
  const engraver = options.engraver ?? (await sharedVerovioEngraver());
  const layout = { ...ENGRAVE_LAYOUT_DEFAULTS, ...options.layout };
  const { svgPages, log } = engraver.renderMusicXml(musicXml, layout);
  const { pdf, notDrawn } = await svgPagesToPdf(svgPages, {
    title,
    pageWidthPt: millimetresToPoints(layout.pageWidthMm),
    pageHeightPt: millimetresToPoints(layout.pageHeightMm),
  });
  return { score, midi, musicXml, svgPages, pdf, engraveLog: [...log, ...notDrawn.map((line) => `PDF ${line}`)] };
}
