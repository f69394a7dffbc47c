import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
/**
 * Paths and ids from clients (HTTP only, so on SQLite only), over the real service with no
 * job running (runJobs: false).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isInsideRoot, resolveAllowedFolder } from "./audio-paths.js";
import { readJson, toneWav } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

let server: TestServer;
let root: string;
let outside: string;

beforeAll(async () => {
  server = await startTestServer((scratch) => ({ allowedRoots: [join(scratch, "music")] }), { runJobs: false });
  root = join(server.scratch, "music");
  outside = join(server.scratch, "private");
  mkdirSync(join(root, "album"), { recursive: true });
  mkdirSync(outside);
  writeFileSync(join(root, "album", "song.wav"), toneWav(0.3));
  writeFileSync(join(root, "notes.txt"), "just text, not audio\n".repeat(20));
  writeFileSync(join(outside, "secret.wav"), toneWav(0.3));
  symlinkSync(join(outside, "secret.wav"), join(root, "link.wav"));
  symlinkSync(outside, join(root, "escape"));
});
afterAll(async () => server.close());

async function analysePath(path: string) {
  const response = await fetch(`${server.base}/api/analyses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ path }),
  });
  return { status: response.status, body: await readJson(response) };
}

describe("JSON paths", () => {
  it("accepts a file inside an allowed root, passing its real path", async () => {
    expect((await analysePath(join(root, "album", "..", "album", "song.wav"))).status).toBe(202);
    expect(server.received().at(-1)!.audio).toMatchObject({ owned: false, originalName: "song.wav" });
    expect(
      server
        .received()
        .at(-1)!
        .audio.path.endsWith(join("music", "album", "song.wav")),
    ).toBe(true);
  });

  it("refuses ../ traversal out of the root with 403, whether or not the target exists", async () => {
    const existing = await analysePath(join(root, "..", "private", "secret.wav"));
    expect(existing.status).toBe(403);
    expect(existing.body.error.code).toBe("FORBIDDEN");
    expect((await analysePath(`${root}/../../../../etc/passwd`)).status).toBe(403);
    expect((await analysePath(join(root, "..", "nothing-here.wav"))).status).toBe(403);
  });

  it("treats percent-encoding literally (a missing file inside the root is 404)", async () => {
    const encoded = await analysePath(`${root}/%2e%2e/%2e%2e/private/secret.wav`);
    expect(encoded.status).toBe(404);
    expect(encoded.body.error.code).toBe("FILE_NOT_FOUND");
  });

  it("refuses symlinks that lead out of the root", async () => {
    expect((await analysePath(join(root, "link.wav"))).status).toBe(403);
    expect((await analysePath(join(root, "escape", "secret.wav"))).status).toBe(403);
  });

  it("refuses directories (422), non-audio (415) and relative paths (422)", async () => {
    const before = server.received().length;
    expect((await analysePath(join(root, "album"))).status).toBe(422);
    expect((await analysePath(join(root, "notes.txt"))).status).toBe(415);
    expect((await analysePath("music/album/song.wav")).status).toBe(422);
    expect(server.received()).toHaveLength(before);
  });

  it("is disabled (403) without allowed roots", async () => {
    const closed = await startTestServer({}, { runJobs: false });
    try {
      const response = await fetch(`${closed.base}/api/analyses`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ path: "/etc/hosts" }),
      });
      expect(response.status).toBe(403);
      expect((await readJson(response)).error.message).toMatch(/allowedRoots/);
    } finally {
      await closed.close();
    }
  });
});

/** GET with the path sent byte for byte (fetch would resolve dot segments first). */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${server.base}${path}`, { method: "GET", path }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
    });
    request.on("error", reject);
    request.end();
  });
}

describe("ids in URLs", () => {
  it("rejects anything but a UUID before it reaches the service", async () => {
    for (const id of ["..%2F..%2Fetc%2Fpasswd", "%2e%2e", "..", "not-a-uuid", "1234"]) {
      const response = await rawGet(`/api/analyses/${id}`);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.body).error.code).toBe("BAD_REQUEST");
    }
    const traversal = await fetch(`${server.base}/api/references/..%2F..%2Fetc`, { method: "DELETE" });
    expect(traversal.status).toBe(400);
  });
});

describe("isInsideRoot", () => {
  it("is strict about the root and its parent", () => {
    expect(isInsideRoot("/srv/music", "/srv/music/a.wav")).toBe(true);
    expect(isInsideRoot("/srv/music", "/srv/music")).toBe(false);
    expect(isInsideRoot("/srv/music", "/srv/music-private/a.wav")).toBe(false);
    expect(isInsideRoot("/srv/music", "/srv/music/..a.wav")).toBe(true);
    expect(isInsideRoot("/srv/music", "/srv/other/a.wav")).toBe(false);
  });
});

describe("folders named by path (library scans)", () => {
  const codeOf = (path: string, roots: readonly string[] = [root]) =>
    resolveAllowedFolder(path, roots).then(
      () => "ok",
      (error: { code: string }) => error.code,
    );

  it("accepts an allowed root itself and folders inside it, as real paths", async () => {
    expect(await resolveAllowedFolder(root, [root])).toBe(realpathSync(root));
    expect(await resolveAllowedFolder(join(root, "album", ".."), [root])).toBe(realpathSync(root));
    expect(await resolveAllowedFolder(join(root, "album"), [`${root}/`])).toBe(realpathSync(join(root, "album")));
  });

  it("refuses folders outside the roots, also through a link, and says so", async () => {
    expect(await codeOf(outside)).toBe("FORBIDDEN");
    expect(await codeOf(join(root, "..", "private"))).toBe("FORBIDDEN");
    expect(await codeOf(join(root, "escape"))).toBe("FORBIDDEN");
    expect(await codeOf(join(root, "..", "nothing-here"))).toBe("FORBIDDEN");
    expect(await codeOf(root, [])).toBe("FORBIDDEN");
  });

  it("refuses relative paths, files and missing folders", async () => {
    expect(await codeOf("music/album")).toBe("VALIDATION_FAILED");
    expect(await codeOf(join(root, "album", "song.wav"))).toBe("VALIDATION_FAILED");
    expect(await codeOf(join(root, "missing"))).toBe("FILE_NOT_FOUND");
  });
});
