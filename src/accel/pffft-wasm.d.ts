/**
 * Types for @echogarden/pffft-wasm (PFFFT compiled by Emscripten), which ships none.
 * Only the members `pffft-real-fft.ts` uses. Pointers are byte offsets into the wasm heap;
 * `HEAPF32` is replaced when the heap grows, so read it after any allocation.
 */
declare module "@echogarden/pffft-wasm/simd" {
  const createPffftModule: () => Promise<import("./pffft-real-fft.js").PffftModule>;
  export default createPffftModule;
}

declare module "@echogarden/pffft-wasm" {
  const createPffftModule: () => Promise<import("./pffft-real-fft.js").PffftModule>;
  export default createPffftModule;
}
