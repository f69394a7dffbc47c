/**
 * Command line of the evaluation harness (eval/run.ts):
 *
 *   npx tsx eval/run.ts [--corpus DIR] [--split dev] [--out DIR] [--jobs N] [--no-doc]
 *   npx tsx eval/run.ts --score-only PRED_DIR [--corpus DIR] [--split dev]
 *   npx tsx eval/run.ts --predict-only AUDIO_DIR OUT_DIR [--jobs N]
 */
import { parseArgs } from "node:util";

export type EvalMode =
  | { readonly kind: "full" }
  | { readonly kind: "score-only"; readonly predictionDirectory: string }
  | { readonly kind: "predict-only"; readonly audioDirectory: string; readonly outputDirectory: string };

export interface EvalOptions {
  readonly mode: EvalMode;
  readonly corpus: string | undefined;
  readonly split: string;
  /** Prediction folder of the full mode; default .eval-out/<split>. */
  readonly out: string | undefined;
  readonly jobs: number | undefined;
  /** Write docs/eval.md after a full run. */
  readonly writeDocument: boolean;
  readonly help: boolean;
}

export const USAGE = `usage:
  npx tsx eval/run.ts [--corpus DIR] [--split dev] [--out DIR] [--jobs N] [--no-doc]
      predict every song of the split, score, print the table, write docs/eval.md
  npx tsx eval/run.ts --score-only PRED_DIR [--corpus DIR] [--split dev]
      score existing predictions (PRED_DIR/<id>.json)
  npx tsx eval/run.ts --predict-only AUDIO_DIR OUT_DIR [--jobs N]
      predict every audio file of AUDIO_DIR into OUT_DIR/<name>.json, no scoring
corpus: --corpus DIR, else $TONEARM_CORPUS, else $HOME/tonearm-corpus`;

/** Parse the arguments; throws a TypeError with a readable message on misuse. */
export function parseEvalOptions(args: readonly string[]): EvalOptions {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      corpus: { type: "string" },
      split: { type: "string", default: "dev" },
      out: { type: "string" },
      jobs: { type: "string" },
      "no-doc": { type: "boolean", default: false },
      "score-only": { type: "boolean", default: false },
      "predict-only": { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && !(Number.isInteger(jobs) && jobs >= 1)) {
    throw new TypeError(`--jobs must be a whole number ≥ 1, got ${values.jobs}`);
  }
  let mode: EvalMode = { kind: "full" };
  if (values["score-only"] && values["predict-only"])
    throw new TypeError("choose one of --score-only and --predict-only");
  if (values["score-only"]) {
    if (positionals.length !== 1) throw new TypeError("--score-only takes one folder: --score-only PRED_DIR");
    mode = { kind: "score-only", predictionDirectory: positionals[0]! };
  } else if (values["predict-only"]) {
    if (positionals.length !== 2)
      throw new TypeError("--predict-only takes two folders: --predict-only AUDIO_DIR OUT_DIR");
    mode = { kind: "predict-only", audioDirectory: positionals[0]!, outputDirectory: positionals[1]! };
  } else if (positionals.length > 0 && !values.help) {
    throw new TypeError(`unexpected argument ${positionals[0]}`);
  }
  return {
    mode,
    corpus: values.corpus,
    split: values.split,
    out: values.out,
    jobs,
    writeDocument: !values["no-doc"],
    help: values.help,
  };
}
