import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRUM_ARTIFACTS } from "../drums/drum-transcription-files.js";
import {
  ATTEMPT_DIRECTORY_PREFIX,
  attemptDirectoryIn,
  downloadFileName,
  publishTranscriptionFiles,
  transcriptionFilePath,
} from "./transcription-files.js";

const FILE_NAMES = [
  "transcription.drums.flac",
  "transcription.drums.json",
  "transcription.mid",
  "transcription.musicxml",
  "transcription.pdf",
];

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "tonearm-transcription-files-"));
});
afterAll(async () => rm(scratch, { recursive: true, force: true }));

/** Writes each artifact into `directory` as "<artifact> of <label>". */
async function writeAll(directory: string, label: string): Promise<void> {
  for (const artifact of DRUM_ARTIFACTS) {
    await writeFile(transcriptionFilePath(directory, artifact), `${artifact} of ${label}`);
  }
}

describe("publishTranscriptionFiles", () => {
  it("moves the five files into place, replacing an earlier attempt's, and removes the attempt folder", async () => {
    const artifacts = join(scratch, "replace");
    const earlier = attemptDirectoryIn(artifacts);
    await publishTranscriptionFiles(artifacts, earlier, (folder) => writeAll(folder, "attempt 1"));
    const attempt = attemptDirectoryIn(artifacts);
    await publishTranscriptionFiles(artifacts, attempt, (folder) => writeAll(folder, "attempt 2"));
    expect((await readdir(artifacts)).sort()).toEqual(FILE_NAMES);
    expect(await readFile(transcriptionFilePath(artifacts, "pdf"), "utf8")).toBe("pdf of attempt 2");
    expect(await readFile(transcriptionFilePath(artifacts, "json"), "utf8")).toBe("json of attempt 2");
    expect(existsSync(attempt)).toBe(false);
  });

  it("a write that fails half-way changes nothing in place and leaves no attempt folder", async () => {
    const artifacts = join(scratch, "fail");
    await publishTranscriptionFiles(artifacts, attemptDirectoryIn(artifacts), (folder) => writeAll(folder, "done"));
    const attempt = attemptDirectoryIn(artifacts);
    const failing = publishTranscriptionFiles(artifacts, attempt, async (folder) => {
      await writeFile(transcriptionFilePath(folder, "pdf"), "%PD");
      await writeFile(transcriptionFilePath(folder, "midi"), "MTh");
      throw new Error("disk full");
    });
    await expect(failing).rejects.toThrow("disk full");
    expect(existsSync(attempt)).toBe(false);
    expect((await readdir(artifacts)).sort()).toEqual(FILE_NAMES);
    expect(await readFile(transcriptionFilePath(artifacts, "pdf"), "utf8")).toBe("pdf of done");
    expect(await readFile(transcriptionFilePath(artifacts, "midi"), "utf8")).toBe("midi of done");
  });

  it("a write that leaves out a file fails (ENOENT) and leaves no attempt folder", async () => {
    const artifacts = join(scratch, "missing");
    const attempt = attemptDirectoryIn(artifacts);
    const failing = publishTranscriptionFiles(artifacts, attempt, async (folder) => {
      await writeFile(transcriptionFilePath(folder, "json"), "{}");
    });
    await expect(failing).rejects.toThrow(/ENOENT/);
    expect(existsSync(attempt)).toBe(false);
    expect(await readdir(artifacts)).toEqual([]);
  });
});

describe("attemptDirectoryIn", () => {
  it("is a fresh hidden folder inside the artifacts folder, named unlike any artifact", () => {
    const artifacts = join(scratch, "names");
    const first = attemptDirectoryIn(artifacts);
    const second = attemptDirectoryIn(artifacts);
    expect(dirname(first)).toBe(artifacts);
    expect(basename(first).startsWith(ATTEMPT_DIRECTORY_PREFIX)).toBe(true);
    expect(first).not.toBe(second);
    expect(FILE_NAMES).not.toContain(basename(first));
  });
});

describe("downloadFileName", () => {
  it("names a download after the audio", () => {
    expect(downloadFileName("Grand Café loop.wav", "audio")).toBe("Grand Café loop.drums.flac");
    expect(downloadFileName(".wav", "pdf")).toBe(".wav.pdf");
    expect(downloadFileName("", "midi")).toBe("drums.mid");
  });
});
