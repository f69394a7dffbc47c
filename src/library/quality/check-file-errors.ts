/**
 * Files that cannot be used: tags that failed to read at scan time (`readError`,
 * "unreadable-file") and audio that failed to decode when the caller tried
 * (`decodeError`, "undecodable-file"). One error per file: these are few and each needs action.
 */
import type { QualityContext } from "./quality-context.js";
import type { QualityIssue } from "./quality-issue.js";

export function checkFileErrors(context: QualityContext): QualityIssue[] {
  const issues: QualityIssue[] = [];
  for (const track of context.input.tracks) {
    if (track.readError !== null) {
      issues.push({
        kind: "unreadable-file",
        severity: "error",
        paths: [track.path],
        ...(track.albumId === null ? {} : { albumIds: [track.albumId] }),
        message: `tags cannot be read: ${track.readError}`,
        details: { error: track.readError },
      });
    }
    if (typeof track.decodeError === "string") {
      issues.push({
        kind: "undecodable-file",
        severity: "error",
        paths: [track.path],
        ...(track.albumId === null ? {} : { albumIds: [track.albumId] }),
        message: `audio fails to decode: ${track.decodeError}`,
        details: { error: track.decodeError },
      });
    }
  }
  return issues;
}
