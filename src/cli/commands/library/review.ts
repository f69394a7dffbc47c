/**
 * `tonearm library review`: the genre suggestions waiting for a person. Interactive on a
 * terminal (accept, edit, skip, reject, quit, one album at a time, with the evidence), or
 * non-interactive with --list / --approve / --edit / --reject / --skip for scripts. Every
 * decision is recorded with who made it (--actor, default the login name).
 */
import { userInfo } from "node:os";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { parseArgs } from "node:util";
import { TonearmError } from "../../../analysis/errors.js";
import {
  type DecisionInput,
  type GenreSuggestion,
  PENDING_STATUSES,
  SUGGESTION_STATUSES,
  type SuggestionStatus,
} from "../../../library/review/genre-suggestion.js";
import type { Store } from "../../../store/open-store.js";
import { EXIT } from "../../exit-codes.js";
import { openLibraryStore } from "./open-library-store.js";

export const LIBRARY_REVIEW_HELP = `Usage: tonearm library review [options]

Decide on the genre suggestions that wait for a person (confidence below 95). On a
terminal, without options, tonearm shows each album with its proposal, its confidence and
what every source said, and asks: [a]ccept, [e]dit, [s]kip, [r]eject or [q]uit. Decisions
are recorded (who, when, which genres); 'tonearm library apply' writes the accepted ones.

Options:
  --list                 list suggestions instead (default: the pending ones)
  --status S[,S...]      with --list: ${SUGGESTION_STATUSES.join(", ")}
  --approve ID           accept a suggestion's proposal
  --edit ID --genres G   decide other genres: G is "Rock; Indie Rock"
  --reject ID            reject a suggestion (nothing will be written)
  --skip ID              record that you looked and decided later
  --note TEXT            a note kept with the decision
  --actor NAME           who decides (default: your login name)
  --json                 print JSON
  -h, --help             this help`;

export interface ReviewStreams {
  readonly input: Readable;
  readonly output: Writable;
  readonly interactive: boolean;
}

const DEFAULT_STREAMS: ReviewStreams = {
  input: process.stdin,
  output: process.stdout,
  interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
};

export async function runLibraryReview(
  argv: readonly string[],
  streams: ReviewStreams = DEFAULT_STREAMS,
): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      list: { type: "boolean" },
      status: { type: "string" },
      approve: { type: "string" },
      edit: { type: "string" },
      genres: { type: "string" },
      reject: { type: "string" },
      skip: { type: "string" },
      note: { type: "string" },
      actor: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const write = (text: string) => streams.output.write(text);
  if (values.help) {
    write(`${LIBRARY_REVIEW_HELP}\n`);
    return EXIT.ok;
  }
  const actor = values.actor ?? userInfo().username;
  const decision = decisionFromFlags(values, actor);
  const store = await openLibraryStore();
  try {
    if (decision !== undefined) {
      const decided = await store.review.decide(decision.id, decision.input);
      write(values.json ? `${JSON.stringify(decided, null, 2)}\n` : `${describe(decided)}\n`);
      return EXIT.ok;
    }
    if (values.list || !streams.interactive) {
      const statuses = parseStatuses(values.status) ?? PENDING_STATUSES;
      const { items, total } = await store.review.list({ statuses, limit: 500 });
      if (values.json) write(`${JSON.stringify({ items, total }, null, 2)}\n`);
      else if (items.length === 0) write(`no suggestions ${statuses.join(" or ")}\n`);
      else
        write(
          `${items.map(describe).join("\n")}\n${total > items.length ? `… and ${total - items.length} more\n` : ""}`,
        );
      return EXIT.ok;
    }
    return await reviewInteractively(store, streams, actor);
  } finally {
    await store.close();
  }
}

function decisionFromFlags(
  values: { approve?: string; edit?: string; genres?: string; reject?: string; skip?: string; note?: string },
  actor: string,
): { id: string; input: DecisionInput } | undefined {
  const chosen = (["approve", "edit", "reject", "skip"] as const).filter((action) => values[action] !== undefined);
  if (chosen.length > 1) throw new TonearmError("INVALID_OPTION", "give one of --approve, --edit, --reject, --skip");
  const action = chosen[0];
  if (action === undefined) {
    if (values.genres !== undefined) throw new TonearmError("INVALID_OPTION", "--genres goes with --edit ID");
    return undefined;
  }
  if (action === "edit" && values.genres === undefined)
    throw new TonearmError("INVALID_OPTION", "--edit needs --genres");
  const genres = action === "edit" ? splitGenres(values.genres as string) : undefined;
  return { id: values[action] as string, input: { action, genres, actor, note: values.note } };
}

function parseStatuses(value: string | undefined): SuggestionStatus[] | undefined {
  if (value === undefined) return undefined;
  const statuses = value.split(",").map((status) => status.trim());
  for (const status of statuses) {
    if (!(SUGGESTION_STATUSES as readonly string[]).includes(status)) {
      throw new TonearmError(
        "INVALID_OPTION",
        `--status must be among ${SUGGESTION_STATUSES.join(", ")}, got "${status}"`,
      );
    }
  }
  return statuses as SuggestionStatus[];
}

export function splitGenres(text: string): string[] {
  return text
    .split(/[;\n]/)
    .map((genre) => genre.trim())
    .filter((genre) => genre !== "");
}

function describe(suggestion: GenreSuggestion): string {
  const genres = suggestion.decidedGenres ?? suggestion.proposal;
  return `${suggestion.id}  ${suggestion.status.padEnd(8)} ${String(Math.round(suggestion.confidence)).padStart(3)}  ${suggestion.albumArtist} – ${suggestion.albumTitle}: ${genres.join("; ") || "(no genre)"}`;
}

function describeEvidence(suggestion: GenreSuggestion): string[] {
  return suggestion.evidence.map((source) => {
    const labels = source.labels.map((label) => label.label).join(", ");
    const match = source.match ? ` (matched ${source.match.artist} – ${source.match.album})` : "";
    return `    ${source.source.padEnd(13)} ${source.status}${match}${labels ? `: ${labels}` : ""}${source.error ? ` [${source.error}]` : ""}`;
  });
}

async function reviewInteractively(store: Store, streams: ReviewStreams, actor: string): Promise<number> {
  const reader = createInterface({ input: streams.input, terminal: false });
  // Lines are queued as they come (a script may send them all at once); the input ending
  // (Ctrl-D, a script's last line) answers "quit".
  const lines: string[] = [];
  const waiting: ((line: string | null) => void)[] = [];
  let closed = false;
  reader.on("line", (line) => (waiting.length > 0 ? waiting.shift()?.(line) : lines.push(line)));
  reader.once("close", () => {
    closed = true;
    for (const resolve of waiting.splice(0)) resolve(null);
  });
  const ask = (question: string): Promise<string | null> => {
    streams.output.write(question);
    if (lines.length > 0) return Promise.resolve(lines.shift() as string);
    return closed ? Promise.resolve(null) : new Promise((resolve) => waiting.push(resolve));
  };
  const write = (text: string) => streams.output.write(text);
  const counts = { approve: 0, edit: 0, reject: 0, skip: 0 };
  try {
    const { items, total } = await store.review.list({ statuses: PENDING_STATUSES, limit: 500 });
    if (items.length === 0) {
      write("nothing to review\n");
      return EXIT.ok;
    }
    write(`${total} album${total === 1 ? "" : "s"} to review\n`);
    for (const [index, suggestion] of items.entries()) {
      write(
        `\n[${index + 1}/${items.length}] ${suggestion.albumArtist} – ${suggestion.albumTitle}\n  ${suggestion.albumFolder}\n`,
      );
      write(
        `  proposal: ${suggestion.proposal.join("; ") || "(none)"}  confidence ${Math.round(suggestion.confidence)}\n`,
      );
      write(`${describeEvidence(suggestion).join("\n")}\n`);
      const answer = (await ask("  [a]ccept, [e]dit, [s]kip, [r]eject, [q]uit? "))?.trim().toLowerCase() ?? "q";
      if (answer === "q" || answer === "quit") break;
      let input: DecisionInput | undefined;
      if (answer === "a" || answer === "accept") {
        if (suggestion.proposal.length === 0) {
          write("  nothing proposed: edit or reject it\n");
          continue;
        }
        input = { action: "approve", actor };
      } else if (answer === "e" || answer === "edit") {
        const genres = splitGenres((await ask("  genres (separated by ;): ")) ?? "");
        if (genres.length === 0) {
          write("  no genres given: skipped\n");
          continue;
        }
        input = { action: "edit", genres, actor };
      } else if (answer === "r" || answer === "reject") input = { action: "reject", actor };
      else if (answer === "s" || answer === "skip" || answer === "") input = { action: "skip", actor };
      else {
        write(`  "${answer}" is not an answer: skipped\n`);
        continue;
      }
      await store.review.decide(suggestion.id, input);
      counts[input.action]++;
    }
  } finally {
    reader.close();
  }
  write(`\naccepted ${counts.approve} · edited ${counts.edit} · rejected ${counts.reject} · skipped ${counts.skip}\n`);
  return EXIT.ok;
}
