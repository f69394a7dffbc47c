/**
 * MusicXML → SVG pages with Verovio (LGPL-3.0, WebAssembly). Verovio lays the score out
 * (system and page breaks, the title header from the MusicXML credits, bar numbers at
 * system starts) on pages of the given size. Starting the WebAssembly module takes about
 * 0.35 s of CPU, so one engraver is made per process (`sharedVerovioEngraver`) and reused;
 * its calls are synchronous, so two renders never interleave. Verovio runs on V8's baseline
 * wasm code by default (wasm-baseline-compiler.ts): optimising it costs more CPU on the
 * first render than it ever saves for a few songs. The SVG is written without indentation
 * (half the size; the same drawing).
 * Reference: Pugin, Zitellini & Roland (2014), "Verovio: a library for engraving MEI music
 *   notation into SVG", ISMIR 2014; Verovio toolkit options, https://book.verovio.org.
 */

import { enableLogToBuffer, VerovioToolkit } from "verovio/esm";
import createVerovioModule from "verovio/wasm";
import { TonearmError } from "../../analysis/errors.js";
import { withBaselineWasm, withBaselineWasmAsync } from "./wasm-baseline-compiler.js";

export interface EngraveLayoutOptions {
  readonly pageWidthMm: number;
  readonly pageHeightMm: number;
  /** Page margins, millimetres. */
  readonly marginMm: number;
  /** Music size in percent of Verovio's default (a 4.8 mm staff at 100; 130 gives 6.2 mm). */
  readonly musicSizePercent: number;
  /** Space between systems, in Verovio units (half staff spaces): room for crash ledger lines and "o" marks. */
  readonly systemSpacing: number;
  /**
   * Horizontal spacing: Verovio's linear and non-linear duration factors. Tighter than
   * Verovio's defaults (0.25, 0.6) so that three to four bars of 16ths fit a line.
   */
  readonly spacingLinear: number;
  readonly spacingNonLinear: number;
}

export const ENGRAVE_LAYOUT_DEFAULTS: EngraveLayoutOptions = {
  pageWidthMm: 210,
  pageHeightMm: 297,
  marginMm: 12,
  musicSizePercent: 130,
  systemSpacing: 12,
  spacingLinear: 0.12,
  spacingNonLinear: 0.45,
};

export interface EngravedPages {
  /** One SVG document per page, in order. */
  readonly svgPages: string[];
  /** Verovio's warnings and errors while loading (empty when nothing was lost). */
  readonly log: string[];
}

export interface VerovioEngraverOptions {
  /**
   * Let V8 optimise Verovio's WebAssembly (tier-up to TurboFan). Off by default: the first
   * render of 90 busy bars then costs ≈0.6–0.9 s of CPU instead of ≈1.6–2.1 s, and later
   * ones ≈0.55–0.9 s against ≈0.45–0.65 s optimised; worth turning on only in a process that
   * engraves dozens of songs.
   */
  readonly optimizeWasm: boolean;
}

export const VEROVIO_ENGRAVER_DEFAULTS: VerovioEngraverOptions = { optimizeWasm: false };

export interface VerovioEngraver {
  readonly verovioVersion: string;
  renderMusicXml(musicXml: string, layout?: Partial<EngraveLayoutOptions>): EngravedPages;
}

/** A new engraver with its own WebAssembly instance (prefer sharedVerovioEngraver). */
export async function createVerovioEngraver(options: Partial<VerovioEngraverOptions> = {}): Promise<VerovioEngraver> {
  const { optimizeWasm } = { ...VEROVIO_ENGRAVER_DEFAULTS, ...options };
  const inWasm = <T>(run: () => T): T => (optimizeWasm ? run() : withBaselineWasm(run));
  let toolkit: VerovioToolkit;
  try {
    const module = optimizeWasm ? await createVerovioModule() : await withBaselineWasmAsync(createVerovioModule);
    toolkit = inWasm(() => {
      enableLogToBuffer(true, module);
      return new VerovioToolkit(module);
    });
  } catch (error) {
    throw new TonearmError("NOT_AVAILABLE", "the music engraver (Verovio) could not be started", { cause: error });
  }
  const verovioVersion = inWasm(() => toolkit.getVersion());
  return {
    verovioVersion,
    renderMusicXml(musicXml, layout = {}) {
      return inWasm(() => renderWith(toolkit, musicXml, { ...ENGRAVE_LAYOUT_DEFAULTS, ...layout }));
    },
  };
}

function renderWith(toolkit: VerovioToolkit, musicXml: string, settings: EngraveLayoutOptions): EngravedPages {
  // Verovio lays out in tenths of a millimetre at scale 100; a smaller music size is a
  // proportionally larger page, scaled back to the same SVG size.
  const zoom = settings.musicSizePercent / 100;
  const units = (millimetres: number) => Math.round((millimetres * 10) / zoom);
  toolkit.resetOptions();
  toolkit.setOptions({
    inputFrom: "musicxml",
    pageWidth: units(settings.pageWidthMm),
    pageHeight: units(settings.pageHeightMm),
    pageMarginLeft: units(settings.marginMm),
    pageMarginRight: units(settings.marginMm),
    pageMarginTop: units(settings.marginMm),
    pageMarginBottom: units(settings.marginMm),
    scale: Math.round(100 * zoom),
    breaks: "auto",
    header: "auto",
    footer: "none",
    spacingSystem: settings.systemSpacing,
    spacingLinear: settings.spacingLinear,
    spacingNonLinear: settings.spacingNonLinear,
    svgViewBox: true,
    svgFormatRaw: true,
    xmlIdSeed: 1,
  });
  const loaded = toolkit.loadData(musicXml);
  const log = toolkit
    .getLog()
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "");
  // tonearm writes the MusicXML itself, so a file Verovio rejects is an internal error.
  if (!loaded) throw new Error(`Verovio could not read the MusicXML: ${log.join("; ") || "no details"}`);
  const svgPages: string[] = [];
  const pageCount = toolkit.getPageCount();
  for (let page = 1; page <= pageCount; page++) svgPages.push(toolkit.renderToSVG(page, true));
  return { svgPages, log };
}

let shared: Promise<VerovioEngraver> | null = null;

/** The process's engraver, started on first use. */
export function sharedVerovioEngraver(): Promise<VerovioEngraver> {
  if (shared === null) {
    shared = createVerovioEngraver();
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}
