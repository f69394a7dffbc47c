import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "eval/**/*.test.ts", "bench/**/*.test.ts", "scripts/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Keeps tests (and the CLI processes they start) out of the user's ~/.tonearm.
    env: { TONEARM_HOME: join(tmpdir(), `tonearm-test-home-${process.pid}`) },
  },
});
