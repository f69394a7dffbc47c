/**
 * The completion hook of the service's jobs (see src/store/sql-job-repository.ts): inside the
 * transaction that marks a job completed, a job's output becomes its analysis's report, band
 * metrics, recommendations and feature vector (a transcription's files are already in its
 * artifacts folder; its report is that of the rhythm and drums analyses). The job's own `result` keeps only
 * a pointer to the analysis, so reports are stored once. Library jobs produce no analysis: their
 * output (a scan summary, a batch's counts; small JSON) is the job's result as it is, and so
 * is a tonic-update job's (its counts; the tonics are stored as the job goes, tonic-jobs.ts).
 */
import type { Transaction } from "kysely";
import type { JobRecord } from "../jobs/job-model.js";
import { AnalysisResultRepository } from "../store/analysis-result-repository.js";
import type { DatabaseSchema } from "../store/database-schema.js";
import type { DialectName } from "../store/dialect-name.js";
import type { AnalysisJobOutput } from "./job-payloads.js";

function isAnalysisOutput(output: unknown): output is AnalysisJobOutput {
  if (typeof output !== "object" || output === null) return false;
  const report = (output as { report?: unknown }).report;
  return typeof report === "object" && report !== null && "analyses" in report;
}

export async function storeJobOutput(
  transaction: Transaction<DatabaseSchema>,
  dialect: DialectName,
  job: JobRecord,
  output: unknown,
): Promise<unknown> {
  if (job.kind === "library-scan" || job.kind === "library-batch" || job.kind === "tonic-update") return output ?? null;
  if (job.analysisId === null) return null;
  if (!isAnalysisOutput(output)) throw new Error(`job ${job.id}: the worker returned no report`);
  await new AnalysisResultRepository(transaction, dialect).save(
    {
      analysisId: job.analysisId,
      report: output.report,
      mastering: output.mastering,
      featureVector: output.featureVector,
    },
    transaction,
  );
  return { analysisId: job.analysisId };
}
