import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config/load-config.js";
import { createServerLogger } from "./logging.js";

describe("createServerLogger", () => {
  it("writes JSON lines to a daily-rotated file when logFile is set", async () => {
    const directory = mkdtempSync(join(tmpdir(), "tonearm-log-test-"));
    try {
      const logger = createServerLogger({
        ...defaultConfig({ home: directory }),
        logFile: join(directory, "logs", "server.log"),
      });
      logger.info({ reqId: "r-1" }, "hello");
      let files: string[] = [];
      for (let attempt = 0; attempt < 100 && files.length === 0; attempt++) {
        await new Promise((done) => setTimeout(done, 20));
        try {
          files = readdirSync(join(directory, "logs")).filter((name) =>
            readFileSync(join(directory, "logs", name), "utf8").includes("hello"),
          );
        } catch {
          files = [];
        }
      }
      expect(files).toHaveLength(1);
      const line = JSON.parse(
        readFileSync(join(directory, "logs", files[0]!), "utf8")
          .trim()
          .split("\n")[0]!,
      );
      expect(line).toMatchObject({ msg: "hello", reqId: "r-1", level: 30 });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
