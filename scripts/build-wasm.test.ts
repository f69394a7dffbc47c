import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { binaryModuleSource, compileKernels, KERNELS_BINARY_MODULE } from "./build-wasm.js";

describe("build-wasm", () => {
  it("the committed WebAssembly module is what wasm/*.ts compiles to (else run npm run build:wasm)", async () => {
    expect(readFileSync(KERNELS_BINARY_MODULE, "utf8")).toBe(binaryModuleSource(await compileKernels()));
  });
});
