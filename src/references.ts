/**
 * Reference tracks and similarity search, for the library and the CLI: measure a file's
 * 128-dimension feature vector (the "mastering-vector" analysis), keep references in the
 * catalogue file (src/store/reference-catalogue-file.ts; default `~/.tonearm/references.json`,
 * under TONEARM_HOME when set) and find the references closest to a file by cosine similarity,
 * optionally within a genre.
 */
import { randomUUID } from "node:crypto";
import { homedir } from "node:os";
import { basename, join } from "node:path";
import { TonearmError } from "./analysis/errors.js";
import type { Report } from "./analysis/report.js";
import { type AnalyzeOptions, analyze } from "./analyze.js";
import type { ReferenceMetadata, SimilarReference } from "./core/similarity/index.js";
import { loadReferenceCatalogue, updateReferenceCatalogue } from "./store/reference-catalogue-file.js";

export interface ReferenceOptions extends Omit<AnalyzeOptions, "analyses"> {
  /** The catalogue file; default `references.json` in tonearm's home. */
  readonly catalogueFile?: string;
}

export interface NewReference {
  /** Default: the file's name without its extension. */
  readonly name?: string;
  readonly artist?: string | null;
  readonly genre?: string | null;
  readonly year?: number | null;
}

export interface SimilarResult {
  readonly path: string;
  readonly matches: readonly SimilarReference[];
  /** References searched (after the genre filter). */
  readonly searched: number;
}

export function defaultCatalogueFile(): string {
  return join(process.env.TONEARM_HOME || join(homedir(), ".tonearm"), "references.json");
}

/** The file's feature vector and the report it came from; INVALID_OPTION when it has none. */
export async function measureVector(
  path: string,
  options: ReferenceOptions = {},
): Promise<{ values: number[]; report: Report }> {
  const report = await analyze(path, { ...options, analyses: ["mastering-vector"] });
  const vector = report.analyses["mastering-vector"];
  if (!vector?.values) {
    throw new TonearmError("INVALID_OPTION", `no feature vector for this file: ${vector?.reason ?? "not measured"}`, {
      path,
    });
  }
  return { values: vector.values, report };
}

function checkYear(year: number | null | undefined): number | null {
  if (year === undefined || year === null) return null;
  if (!(Number.isInteger(year) && year >= 1000 && year <= 9999)) {
    throw new TonearmError("INVALID_OPTION", `--year must be a four-digit year, got ${year}`);
  }
  return year;
}

function slug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "reference"
  );
}

/** Measures `path` and adds it to the catalogue; returns the new reference's metadata. */
export async function addReference(
  path: string,
  reference: NewReference = {},
  options: ReferenceOptions = {},
): Promise<ReferenceMetadata> {
  const year = checkYear(reference.year);
  const name = reference.name?.trim() || basename(path).replace(/\.[^.]+$/, "");
  const { values, report } = await measureVector(path, options);
  const metadata: ReferenceMetadata = {
    id: `${slug(name)}-${randomUUID().slice(0, 8)}`,
    name,
    artist: reference.artist?.trim() || null,
    genre: reference.genre?.trim() || null,
    year,
    source: {
      kind: "audio",
      fileName: basename(path),
      durationSeconds: report.audio.durationSeconds,
      addedAt: new Date().toISOString(),
    },
  };
  await updateReferenceCatalogue(options.catalogueFile ?? defaultCatalogueFile(), (catalogue) =>
    catalogue.add({ ...metadata, vector: values }),
  );
  return metadata;
}

/** Every reference (of `genre`, case-insensitive, when given), in the order they were added. */
export async function listReferences(
  genre: string | null = null,
  options: Pick<ReferenceOptions, "catalogueFile"> = {},
): Promise<ReferenceMetadata[]> {
  const catalogue = await loadReferenceCatalogue(options.catalogueFile ?? defaultCatalogueFile());
  const wanted = genre?.trim().toLowerCase();
  return catalogue.list().filter((reference) => !wanted || reference.genre?.toLowerCase() === wanted);
}

/** Removes the reference `id`; REFERENCE_NOT_FOUND when there is none. */
export async function removeReference(
  id: string,
  options: Pick<ReferenceOptions, "catalogueFile"> = {},
): Promise<void> {
  const file = options.catalogueFile ?? defaultCatalogueFile();
  await updateReferenceCatalogue(file, (catalogue) => {
    if (!catalogue.remove(id)) {
      throw new TonearmError("REFERENCE_NOT_FOUND", `no reference with id "${id}" (tonearm reference list shows them)`);
    }
  });
}

/** The `top` references most similar to `path` (within `genre` when given), best first. */
export async function findSimilar(
  path: string,
  query: { readonly genre?: string | null; readonly top?: number } = {},
  options: ReferenceOptions = {},
): Promise<SimilarResult> {
  const top = query.top ?? 5;
  if (!(Number.isInteger(top) && top >= 1))
    throw new TonearmError("INVALID_OPTION", `--top must be an integer ≥ 1, got ${top}`);
  const catalogue = await loadReferenceCatalogue(options.catalogueFile ?? defaultCatalogueFile());
  const { values } = await measureVector(path, options);
  const genre = query.genre?.trim() || null;
  const searched =
    genre === null
      ? catalogue.size
      : (catalogue.genres().find((g) => g.genre.toLowerCase() === genre.toLowerCase())?.count ?? 0);
  return { path, matches: catalogue.topK(values, top, { genre }), searched };
}
