/**
 * Types for verovio 6.3 (the music engraving library compiled to WebAssembly), which ships
 * none. Only the members tonearm uses. `verovio/wasm` resolves to the Emscripten module;
 * `verovio/esm` wraps it in the toolkit class.
 */
declare module "verovio/wasm" {
  /** The initialised Emscripten module (opaque to callers). */
  export interface VerovioModule {
    readonly __verovioModule: unique symbol;
  }
  const createVerovioModule: () => Promise<VerovioModule>;
  export default createVerovioModule;
}

declare module "verovio/esm" {
  import type { VerovioModule } from "verovio/wasm";

  export class VerovioToolkit {
    constructor(module: VerovioModule);
    destroy(): void;
    getVersion(): string;
    getLog(): string;
    getPageCount(): number;
    loadData(data: string): boolean;
    renderToSVG(pageNumber?: number, xmlDeclaration?: boolean): string;
    resetOptions(): void;
    setOptions(options: Record<string, string | number | boolean>): void;
  }
  export const LOG_OFF: number;
  export const LOG_ERROR: number;
  export const LOG_WARNING: number;
  export function enableLog(level: number, module: VerovioModule): void;
  export function enableLogToBuffer(value: boolean, module: VerovioModule): void;
}
