/**
 * The service's database, opened on a job worker thread for a job that reads or writes it
 * (library scans and batches, "update all tonics"): the worker context's `library` settings
 * name the config and PostgreSQL schema. Closed when the work ends, however it ends.
 */
import { sqliteFile } from "../config/load-config.js";
import { openStore, type Store } from "../store/open-store.js";
import type { JobWorkerContext } from "./job-payloads.js";

export async function withJobStore<T>(
  context: JobWorkerContext,
  work: (store: Store, settings: NonNullable<JobWorkerContext["library"]>) => Promise<T>,
): Promise<T> {
  if (context.library === undefined) throw new Error("the job worker was given no database settings");
  const { config, postgresSchema } = context.library;
  const store = await openStore({
    postgresUrl: config.databaseUrl,
    sqliteFile: sqliteFile(config),
    ...(postgresSchema === null ? {} : { postgresSchema }),
    poolSize: 2,
  });
  try {
    return await work(store, context.library);
  } finally {
    await store.close();
  }
}
