/**
 * The hidden files by which a test pauses a library scan in pausing-job-worker.ts (the scan
 * skips hidden files, so they change nothing it finds): PAUSE_FILE in the root asks for the
 * pause before saving, PAUSED_FILE marks a scan waiting there, RELEASE_FILE lets it go on.
 */
export const PAUSE_FILE = ".pause-before-saving";
export const PAUSED_FILE = ".paused";
export const RELEASE_FILE = ".release";
export const PAUSING_JOB_WORKER = new URL("./pausing-job-worker.ts", import.meta.url);
