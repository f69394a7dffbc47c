#!/usr/bin/env node
// The tonearm command. Runs the compiled CLI in dist/ (built by `npm install` through
// the "prepare" script, or by `npm run build`).
import { existsSync } from "node:fs";

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  console.error("tonearm: the CLI is not built yet; run `npm run build` in the tonearm folder");
  process.exit(70);
}
const { main } = await import(entry.href);
process.exitCode = await main(process.argv.slice(2));
