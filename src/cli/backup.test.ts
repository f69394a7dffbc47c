/**
 * `tonearm backup` and `tonearm restore` on a SQLite home (the store's tests cover
 * PostgreSQL): a backup, a change, a refused restore without --force, and a forced restore
 * that brings the row and the artifact back.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BACKUP_TABLES } from "../store/backup-tables.js";
import { openDatabase } from "../store/open-database.js";
import { runBackup } from "./commands/backup.js";
import { runRestore } from "./commands/restore.js";
import { captureOutput } from "./test-helpers/run-main.js";

const ARTIFACT = join("artifacts", "11111111-2222-4333-8444-555555555555", "chords.mid");
const saved = { ...process.env };
let home = "";

const capture = captureOutput;

async function setTheme(value: string): Promise<void> {
  const database = await openDatabase({ sqliteFile: join(home, "tonearm.db") });
  await database.db.deleteFrom("settings").execute();
  await database.db
    .insertInto("settings")
    .values({ key: "theme", value: JSON.stringify(value), updated_at: "2026-01-01T00:00:00.000Z" })
    .execute();
  await database.close();
}

async function theme(): Promise<unknown> {
  const database = await openDatabase({ sqliteFile: join(home, "tonearm.db") });
  const rows = await database.db.selectFrom("settings").select("value").execute();
  await database.close();
  return rows.map((row) => JSON.parse(String(row.value)));
}

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), "tonearm-backup-cli-"));
  process.env.TONEARM_HOME = home;
  delete process.env.TONEARM_DATABASE_URL;
  delete process.env.TONEARM_DATA_DIR;
});

afterEach(async () => {
  process.env = { ...saved };
  await rm(home, { recursive: true, force: true });
});

describe("tonearm backup / restore", () => {
  it("backs up, refuses to overwrite without --force, restores with it", async () => {
    await setTheme("dark");
    await mkdir(join(home, "data", "artifacts", "11111111-2222-4333-8444-555555555555"), { recursive: true });
    await writeFile(join(home, "data", ARTIFACT), "MThd original");
    const out = join(home, "backup-1");

    const backup = await capture(() => runBackup([out]));
    expect(backup.status).toBe(0);
    expect(backup.stdout).toContain(`backed up ${BACKUP_TABLES.length} tables (1 rows) and 1 files (13 bytes)`);
    expect(backup.stderr).toContain("table settings: 1 rows");

    await setTheme("light");
    await writeFile(join(home, "data", ARTIFACT), "changed");
    await expect(capture(() => runRestore([out]))).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await theme()).toEqual(["light"]);

    const restore = await capture(() => runRestore([out, "--force", "--json"]));
    expect(restore.status).toBe(0);
    expect(JSON.parse(restore.stdout)).toMatchObject({ tables: BACKUP_TABLES.length, rows: 1, files: 1, bytes: 13 });
    expect(await theme()).toEqual(["dark"]);
    expect(await readFile(join(home, "data", ARTIFACT), "utf8")).toBe("MThd original");
  });

  it("needs exactly one folder", async () => {
    await expect(capture(() => runBackup([]))).rejects.toMatchObject({ code: "INVALID_OPTION" });
    await expect(capture(() => runRestore(["a", "b"]))).rejects.toMatchObject({ code: "INVALID_OPTION" });
  });
});
