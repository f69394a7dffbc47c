/**
 * The store: the opened database with one repository per table group. The service opens
 * one per process; the `onJobCompleted` hook lets it store a finished job's output in the
 * same transaction that marks the job completed (see sql-job-repository.ts).
 */
import { AnalysisRepository } from "./analysis-repository.js";
import { AnalysisResultRepository } from "./analysis-result-repository.js";
import { LibraryApplyRepository } from "./library-apply-repository.js";
import { LibraryRepository } from "./library-repository.js";
import { LibraryReviewRepository } from "./library-review-repository.js";
import { type DatabaseOptions, openDatabase, type TonearmDatabase } from "./open-database.js";
import { ReferenceTrackRepository } from "./reference-track-repository.js";
import { SettingsRepository } from "./settings-repository.js";
import { SourceCacheRepository } from "./source-cache-repository.js";
import { type JobCompletionHook, SqlJobRepository } from "./sql-job-repository.js";

export interface Store {
  readonly database: TonearmDatabase;
  readonly jobs: SqlJobRepository;
  readonly analyses: AnalysisRepository;
  readonly results: AnalysisResultRepository;
  readonly references: ReferenceTrackRepository;
  readonly settings: SettingsRepository;
  readonly library: LibraryRepository;
  readonly sourceCache: SourceCacheRepository;
  readonly review: LibraryReviewRepository;
  readonly tagWrites: LibraryApplyRepository;
  close(): Promise<void>;
}

export interface StoreOptions extends DatabaseOptions {
  readonly onJobCompleted?: JobCompletionHook;
}

export async function openStore(options: StoreOptions): Promise<Store> {
  const database = await openDatabase(options);
  const { db, dialect } = database;
  return {
    database,
    jobs: new SqlJobRepository(db, dialect, { onCompleted: options.onJobCompleted }),
    analyses: new AnalysisRepository(db, dialect),
    results: new AnalysisResultRepository(db, dialect),
    references: new ReferenceTrackRepository(db),
    settings: new SettingsRepository(db, dialect),
    library: new LibraryRepository(db, dialect),
    sourceCache: new SourceCacheRepository(db),
    review: new LibraryReviewRepository(db, dialect),
    tagWrites: new LibraryApplyRepository(db, dialect),
    close: () => database.close(),
  };
}
