import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { reportDocs } from "./report-docs.js";

describe("docs/report.md", () => {
  it("documents every report field and is up to date (regenerate: npx tsx scripts/report-docs.ts)", () => {
    const generated = reportDocs();
    expect(generated).toContain("`analyses.signal.samplePeakDbfs`");
    expect(generated).toContain("`audio.durationSeconds`");
    expect(readFileSync(new URL("../docs/report.md", import.meta.url), "utf8")).toBe(generated);
  });
});
