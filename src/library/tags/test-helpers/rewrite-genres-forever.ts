/**
 * Child process for the kill -9 test of the safe tag writer: once loaded it prints "ready" and
 * waits for a line on stdin (so the parent can start the next child while one is running), then
 * rewrites the genre of one file forever, alternating two values, printing the number of
 * finished writes after each one.
 * Usage: node --import tsx rewrite-genres-forever.ts <file> <genre A> <genre B>
 */
import { writeGenresSafely } from "../safe-tag-writer.js";

const [path, first, second] = process.argv.slice(2);
if (path === undefined || first === undefined || second === undefined) {
  throw new Error("usage: rewrite-genres-forever.ts <file> <genre A> <genre B>");
}
process.stdout.write("ready\n");
await new Promise((resolve) => process.stdin.once("data", resolve));
for (let writes = 1; ; writes++) {
  await writeGenresSafely(path, [writes % 2 === 1 ? second : first]);
  process.stdout.write(`${writes}\n`);
}
