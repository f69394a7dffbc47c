#!/usr/bin/env node
// Guards the architecture (DESIGN.md, STYLE.md "Layers"): imports point inward only.
// core ← accel ← analysis ← domain (library, jobs) ← adapters (io, store) ← shells (cli, server).
// accel holds faster implementations of core interfaces (WebAssembly) that analysis may pick.
// The core also imports no npm package and nothing from node:*. Tests are exempt.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");

const RANKS = {
  core: 0,
  "version.ts": 0,
  analysis: 1,
  library: 2,
  jobs: 2,
  io: 3,
  store: 3,
  accel: 0.5,
  "analyze.ts": 4,
  "open-library.ts": 4,
  "measure-library-audio.ts": 4,
  "master.ts": 4,
  "references.ts": 4,
  drums: 4,
  service: 4,
  config: 4,
  cli: 5,
  server: 5,
  "index.ts": 6,
};

function layerOf(file) {
  // Specifiers name the compiled .js; the layer is the same for the .ts source.
  const top = relative(src, file).split(sep)[0].replace(/\.js$/, ".ts");
  if (!(top in RANKS)) throw new Error(`check-layers: ${relative(root, file)} is in no known layer; add it to RANKS`);
  return top;
}

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (
      entry.name.endsWith(".ts") &&
      !entry.name.endsWith(".test.ts") &&
      !path.includes(`${sep}test-helpers${sep}`)
    )
      yield path;
  }
}

const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/gm;
const problems = [];
for (const file of sourceFiles(src)) {
  const layer = layerOf(file);
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    const where = relative(root, file);
    if (!specifier.startsWith(".")) {
      if (layer === "core") problems.push(`${where}: the core must not import "${specifier}" (no npm, no node:)`);
      continue;
    }
    const target = resolve(dirname(file), specifier);
    if (!target.startsWith(src + sep)) {
      problems.push(`${where}: imports "${specifier}" from outside src/`);
      continue;
    }
    const targetLayer = layerOf(target);
    if (RANKS[targetLayer] > RANKS[layer]) {
      problems.push(`${where}: ${layer} must not import from ${targetLayer} ("${specifier}"); imports point inward`);
    }
  }
}
if (problems.length > 0) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log("layers: ok");
