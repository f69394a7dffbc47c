/**
 * `tonearm ingest --watch`: notices audio files that appear or change under the watched
 * folders and hands each over once it is complete. Two sources of news: `fs.watch` (recursive;
 * a folder moved in is walked) for speed, and a rescan every `rescanMs` (library walk: hidden
 * entries skipped, symbolic links to folders not followed) for what events miss (network file
 * systems, overflowing event queues, platforms without recursive watching). A candidate is
 * handed over only after its size and modification time have stayed the same for `settleMs`,
 * so a file still being copied is not ingested half-written; a file whose last handled state
 * (`handled`) it still has is left alone. Hand-overs run one at a time.
 */
import { type FSWatcher, watch } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, join, relative, sep } from "node:path";
import { isAudioFileName } from "../library/scan/audio-file-extensions.js";
import { describeFsError, type WalkProblem, walkLibrary } from "../library/scan/walk-library.js";

export interface FileState {
  readonly size: number;
  /** Whole milliseconds (as the library walk reports them). */
  readonly mtimeMs: number;
}

export interface IngestRoot {
  readonly path: string;
  /** False: a single file given on the command line (watched by the rescan only). */
  readonly directory: boolean;
}

export interface IngestWatcherOptions {
  readonly roots: readonly IngestRoot[];
  readonly settleMs: number;
  readonly rescanMs: number;
  /** Each file's state when it was last handed over (kept up to date by the caller). */
  readonly handled: ReadonlyMap<string, FileState>;
  /** Receives a complete file; the next one waits for it. */
  readonly onStable: (path: string, state: FileState) => Promise<void>;
  readonly onProblem: (problem: WalkProblem) => void;
}

interface Candidate {
  state: FileState | null;
  /** When its state was last seen to change (ms). */
  since: number;
}

export function sameState(a: FileState | undefined, b: FileState): boolean {
  return a !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;
}

export class IngestWatcher {
  private readonly options: IngestWatcherOptions;
  private readonly candidates = new Map<string, Candidate>();
  private readonly watchers: FSWatcher[] = [];
  private timers: NodeJS.Timeout[] = [];
  private ticking: Promise<void> | null = null;
  private rescanning: Promise<void> | null = null;
  private closed = false;

  constructor(options: IngestWatcherOptions) {
    this.options = options;
  }

  /** Starts listening; call before the initial pass so that nothing written meanwhile is missed. */
  start(): void {
    for (const root of this.options.roots) {
      if (!root.directory) continue;
      try {
        const watcher = watch(root.path, { recursive: true }, (_event, name) => {
          if (name) this.notice(join(root.path, name.toString()), root);
        });
        // Watching failed (e.g. too many watched folders): the rescan still finds new files.
        watcher.on("error", (error) => this.options.onProblem({ path: root.path, message: describeFsError(error) }));
        this.watchers.push(watcher);
      } catch (error) {
        this.options.onProblem({
          path: root.path,
          message: `cannot watch it (${describeFsError(error)}); new files are found by rescanning`,
        });
      }
    }
    const tickMs = Math.max(20, Math.min(250, this.options.settleMs / 4));
    this.timers = [
      setInterval(() => this.runTick(), tickMs),
      setInterval(() => this.runRescan(), this.options.rescanMs),
    ];
  }

  /** Looks at the file again later (it changed while it was being ingested). */
  recheck(path: string): void {
    if (!this.closed) this.candidates.set(path, { state: null, since: Date.now() });
  }

  /** Files waiting to settle (for tests and the progress line). */
  get pending(): number {
    return this.candidates.size;
  }

  /** Stops watching and waits for the hand-over in progress, if any. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const watcher of this.watchers) watcher.close();
    this.candidates.clear();
    await this.ticking;
    await this.rescanning;
  }

  private notice(path: string, root: IngestRoot): void {
    if (this.closed) return;
    const inside = relative(root.path, path);
    // Hidden entries (editors' and the tag writer's temporary files, system folders) are skipped.
    if (inside.split(sep).some((part) => part.startsWith("."))) return;
    if (isAudioFileName(basename(path))) {
      const known = this.candidates.get(path);
      if (known) known.since = Date.now();
      else this.candidates.set(path, { state: null, since: Date.now() });
      return;
    }
    // Perhaps a folder that was created or moved in: its files arrive without events of their own.
    stat(path).then(
      async (facts) => {
        if (!facts.isDirectory() || this.closed) return;
        for await (const file of walkLibrary(path, this.options.onProblem)) this.consider(file.path, file);
      },
      () => {},
    );
  }

  private consider(path: string, state: FileState): void {
    if (this.closed || this.candidates.has(path) || sameState(this.options.handled.get(path), state)) return;
    this.candidates.set(path, { state, since: Date.now() });
  }

  private runTick(): void {
    if (this.ticking !== null || this.closed) return;
    this.ticking = this.tick().finally(() => {
      this.ticking = null;
    });
  }

  private async tick(): Promise<void> {
    for (const [path, candidate] of [...this.candidates]) {
      if (this.closed) return;
      let state: FileState;
      try {
        const facts = await stat(path);
        if (!facts.isFile()) {
          this.candidates.delete(path);
          continue;
        }
        state = { size: facts.size, mtimeMs: Math.floor(facts.mtimeMs) };
      } catch {
        // Gone again (a temporary file renamed away, a deleted file): nothing to ingest.
        this.candidates.delete(path);
        continue;
      }
      const now = Date.now();
      if (candidate.state === null || !sameState(candidate.state, state)) {
        candidate.state = state;
        candidate.since = now;
        continue;
      }
      if (now - candidate.since < this.options.settleMs) continue;
      this.candidates.delete(path);
      if (sameState(this.options.handled.get(path), state)) continue;
      await this.options.onStable(path, state);
    }
  }

  private runRescan(): void {
    if (this.rescanning !== null || this.closed) return;
    this.rescanning = this.rescan().finally(() => {
      this.rescanning = null;
    });
  }

  private async rescan(): Promise<void> {
    for (const root of this.options.roots) {
      if (this.closed) return;
      if (root.directory) {
        for await (const file of walkLibrary(root.path, this.options.onProblem)) {
          if (this.closed) return;
          this.consider(file.path, file);
        }
        continue;
      }
      const facts = await stat(root.path).catch(() => undefined);
      if (facts?.isFile()) this.consider(root.path, { size: facts.size, mtimeMs: Math.floor(facts.mtimeMs) });
    }
  }
}
