/**
 * Runs WebAssembly with V8's baseline compiler only (Liftoff, no tier-up to TurboFan) for
 * the duration of a call. V8 compiles every wasm function with Liftoff first and, with
 * dynamic tiering, recompiles the hot ones with TurboFan in the background. For Verovio
 * (7 MB of wasm) that recompilation is most of a first render: measured on 90 busy bars
 * (Node 20, V8 11.3), a cold load + SVG costs ≈1.6–2.1 s of CPU with tier-up and ≈0.6–0.9 s
 * without; a warm one ≈0.45–0.65 s optimised, ≈0.55–0.9 s not. With tier-up off while Verovio
 * compiles and while it runs, it stays on baseline code (a cold render costs what a warm one
 * does), and wasm compiled afterwards in the same process is optimised as usual.
 * Tiering flags are process-wide: for the window (one render, ≈0.5 s) wasm running on other
 * threads does not tier up either, which only delays its optimisation. When the process was
 * started with its own wasm or Liftoff flags, they are left alone.
 * Reference: V8 blog, "WebAssembly Dynamic Tiering ready to try in Chrome 96" (2021);
 *   Node.js `v8.setFlagsFromString`.
 */
import { setFlagsFromString } from "node:v8";

const TIER_UP_OFF = "--no-wasm-tier-up --no-wasm-dynamic-tiering";
const TIER_UP_ON = "--wasm-tier-up --wasm-dynamic-tiering";

const startedWithWasmFlags = [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((argument) =>
  /--(?:no-)?(?:liftoff|wasm)/.test(argument),
);

/** Calls in progress; the flags are restored when the last one ends. */
let depth = 0;

function enter(): void {
  if (depth++ === 0 && !startedWithWasmFlags) setFlagsFromString(TIER_UP_OFF);
}

function leave(): void {
  if (--depth === 0 && !startedWithWasmFlags) setFlagsFromString(TIER_UP_ON);
}

/** `run()` with WebAssembly tier-up off. */
export function withBaselineWasm<T>(run: () => T): T {
  enter();
  try {
    return run();
  } finally {
    leave();
  }
}

/** `await run()` with WebAssembly tier-up off until it settles (other code may run meanwhile). */
export async function withBaselineWasmAsync<T>(run: () => Promise<T>): Promise<T> {
  enter();
  try {
    return await run();
  } finally {
    leave();
  }
}
