/**
 * The reference tracks as an in-memory ReferenceCatalogue (src/core/similarity: exact top-k
 * cosine search with a genre filter), loaded from the database on first use and reloaded when
 * the table's fingerprint (count and newest row) shows another process, or this one, changed
 * it. One cheap query per search keeps every process's cache honest.
 */
import { ReferenceCatalogue } from "../core/similarity/index.js";
import type { ReferenceTrackRepository } from "../store/reference-track-repository.js";

export class ReferenceIndex {
  private readonly references: ReferenceTrackRepository;
  private cached: { fingerprint: string; catalogue: ReferenceCatalogue } | null = null;

  constructor(references: ReferenceTrackRepository) {
    this.references = references;
  }

  /** Forgets the cached catalogue (after a change made here). */
  invalidate(): void {
    this.cached = null;
  }

  async catalogue(): Promise<ReferenceCatalogue> {
    const fingerprint = await this.references.fingerprint();
    if (this.cached?.fingerprint === fingerprint) return this.cached.catalogue;
    const catalogue = new ReferenceCatalogue();
    for (const reference of await this.references.listWithVectors()) {
      catalogue.add({
        id: reference.id,
        name: reference.name,
        artist: reference.artist,
        genre: reference.genre,
        year: reference.year,
        source: { kind: "audio", fileName: null, durationSeconds: null, addedAt: reference.createdAt },
        vector: reference.vector,
      });
    }
    this.cached = { fingerprint, catalogue };
    return catalogue;
  }
}
