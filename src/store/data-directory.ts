/**
 * tonearm's data directory (shared by every process when scaled out): `uploads/` holds audio
 * the server received, `artifacts/<analysisId>/` what jobs produce besides reports (images,
 * MIDI, sheet music). File names are generated, never taken from a client: an upload is stored
 * as `<random UUID><.ext>`, the extension reduced to at most 10 lowercase letters and digits
 * (so "../../etc/passwd", "a.mp3;rm" or a 2 kB name can never reach a path); the name it
 * arrived with is only recorded in the database. Removal only ever touches paths inside
 * these folders.
 */
import { randomUUID } from "node:crypto";
import { mkdir, readdir, rm, stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { TonearmError } from "../analysis/errors.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The extension of `name` made safe for a path: ".mp3", ".flac", … or "" when there is none usable. */
export function safeExtension(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  if (dot < 0) return "";
  const extension = base
    .slice(dot + 1)
    .normalize("NFKC")
    .toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(extension) ? `.${extension}` : "";
}

export interface UploadDestination {
  /** Absolute path to write the upload to (the folder exists; the file does not). */
  readonly path: string;
  /** Its generated file name. */
  readonly fileName: string;
}

export interface ArtifactDirectoryEntry {
  readonly analysisId: string;
  readonly path: string;
  readonly modifiedAt: Date;
}

export class DataDirectory {
  readonly root: string;
  readonly uploads: string;
  readonly artifacts: string;

  constructor(root: string) {
    this.root = resolve(root);
    this.uploads = join(this.root, "uploads");
    this.artifacts = join(this.root, "artifacts");
  }

  /** Creates the folders (idempotent). */
  async ensure(): Promise<void> {
    await mkdir(this.uploads, { recursive: true });
    await mkdir(this.artifacts, { recursive: true });
  }

  /** A fresh path in uploads/ for audio that arrived as `originalName`. */
  async createUploadPath(originalName: string): Promise<UploadDestination> {
    await mkdir(this.uploads, { recursive: true });
    const fileName = `${randomUUID()}${safeExtension(originalName)}`;
    return { path: join(this.uploads, fileName), fileName };
  }

  /** True when `path` is a file directly inside uploads/ (what the service may own and delete). */
  isUploadPath(path: string): boolean {
    const resolved = resolve(path);
    return dirname(resolved) === this.uploads && resolved !== this.uploads;
  }

  /** Deletes an upload; false when it was already gone. INVALID_OPTION for a path outside uploads/. */
  async removeUpload(path: string): Promise<boolean> {
    if (!this.isUploadPath(path)) {
      throw new TonearmError("INVALID_OPTION", `refusing to delete ${path}: it is not in ${this.uploads}`);
    }
    try {
      await stat(path);
    } catch {
      return false;
    }
    await rm(path, { force: true });
    return true;
  }

  /** The artifacts folder of an analysis (not created). */
  artifactsDirectory(analysisId: string): string {
    if (!UUID.test(analysisId)) {
      throw new TonearmError("INVALID_OPTION", `an analysis id is a UUID, got "${analysisId.slice(0, 60)}"`);
    }
    return join(this.artifacts, analysisId);
  }

  async createArtifactsDirectory(analysisId: string): Promise<string> {
    const directory = this.artifactsDirectory(analysisId);
    await mkdir(directory, { recursive: true });
    return directory;
  }

  /** Deletes an analysis's artifacts; false when it had none. */
  async removeArtifacts(analysisId: string): Promise<boolean> {
    const directory = this.artifactsDirectory(analysisId);
    try {
      await stat(directory);
    } catch {
      return false;
    }
    await rm(directory, { recursive: true, force: true });
    return true;
  }

  /** Every artifacts folder with its modification time. */
  async listArtifactDirectories(): Promise<ArtifactDirectoryEntry[]> {
    const entries = await readdir(this.artifacts, { withFileTypes: true }).catch(() => []);
    const folders: ArtifactDirectoryEntry[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || !UUID.test(entry.name)) continue;
      const path = join(this.artifacts, entry.name);
      const info = await stat(path).catch(() => undefined);
      if (info) folders.push({ analysisId: entry.name, path, modifiedAt: info.mtime });
    }
    return folders;
  }

  /** Every file in uploads/ with its modification time. */
  async listUploads(): Promise<{ readonly path: string; readonly modifiedAt: Date }[]> {
    const entries = await readdir(this.uploads, { withFileTypes: true }).catch(() => []);
    const files: { path: string; modifiedAt: Date }[] = [];
    for (const entry of entries) {
      if (!entry.isFile()) continue;
      const path = join(this.uploads, entry.name);
      const info = await stat(path).catch(() => undefined);
      if (info) files.push({ path, modifiedAt: info.mtime });
    }
    return files;
  }
}
