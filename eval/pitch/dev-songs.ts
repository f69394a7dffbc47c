/**
 * The dev split the pitch evaluations read (eval/pitch/*.ts): its folder, its song ids in
 * manifest order, and the scratch folder (made if missing) where they keep their renders.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveCorpusRoot } from "../corpus-location.js";

export interface DevSongs {
  readonly root: string;
  readonly ids: readonly string[];
  readonly work: string;
}

/** `corpus`: the --corpus option (else $TONEARM_CORPUS, else ~/tonearm-corpus). */
export function devSongs(corpus: string | undefined): DevSongs {
  const root = join(resolveCorpusRoot(corpus), "dev");
  const work = join(tmpdir(), "tonearm-pitch-eval");
  mkdirSync(work, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(root, "manifest.json"), "utf8")) as { songs: { id: string }[] };
  return { root, ids: manifest.songs.map((song) => song.id), work };
}
