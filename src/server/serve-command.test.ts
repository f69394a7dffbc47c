import { afterEach, describe, expect, it, vi } from "vitest";
import { runServe, SERVE_HELP } from "../cli/commands/serve.js";

afterEach(() => vi.restoreAllMocks());

describe("tonearm serve", () => {
  it("prints its help", async () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(await runServe(["--help"])).toBe(0);
    expect(write).toHaveBeenCalledWith(`${SERVE_HELP}\n`);
    expect(SERVE_HELP).toMatch(/--port N/);
  });

  it("refuses a bad port and stray arguments", async () => {
    await expect(runServe(["--port", "70000"])).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(runServe(["--port", "http"])).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(runServe(["now"])).rejects.toMatchObject({ code: "INVALID_OPTION" });
  });
});
