/**
 * The image and data routes of an analysis over a real server and the real service: a 3 s
 * 220 Hz tone on an allowed root (and an upload for the retention case) becomes analyses whose
 * spectrograms, data, tiles, IDTAP files, melographs, pitch contours and note transcriptions
 * are rendered on the render worker threads, checked by content type, magic bytes, dimensions,
 * caching headers and known answers (the contour of a 220 Hz tone, the notes of a melody).
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { notesOf, readMidi } from "../io/midi/test-helpers/read-midi.js";
import { encodeWav } from "../io/wav-writer.js";
import { audioForm, readJson } from "./test-helpers/audio.js";
import { startTestServer, type TestServer } from "./test-helpers/test-server.js";

const SAMPLE_RATE = 22_050;

function sineWav(hz: number, seconds: number): Uint8Array {
  const samples = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  for (let i = 0; i < samples.length; i++) samples[i] = 0.5 * Math.sin((2 * Math.PI * hz * i) / SAMPLE_RATE);
  return encodeWav({ channels: [samples], sampleRate: SAMPLE_RATE });
}

/** Harmonic tones (partials 1–4) for [onset s, offset s, MIDI key], each with a 10 ms attack and a 30 ms fade. */
function melodyWav(notes: readonly (readonly [number, number, number])[], seconds: number): Uint8Array {
  const samples = new Float32Array(Math.round(seconds * SAMPLE_RATE));
  for (const [onset, offset, midi] of notes) {
    const hz = 440 * 2 ** ((midi - 69) / 12);
    for (let n = Math.round(onset * SAMPLE_RATE); n < Math.round(offset * SAMPLE_RATE); n++) {
      const since = n / SAMPLE_RATE - onset;
      const envelope = Math.min(1, since / 0.01) * 2 ** (-since / 0.3) * Math.min(1, (offset - n / SAMPLE_RATE) / 0.03);
      let tone = 0;
      for (let partial = 1; partial <= 4; partial++) {
        tone += Math.sin((2 * Math.PI * partial * hz * n) / SAMPLE_RATE) / partial;
      }
      samples[n]! += 0.25 * envelope * tone;
    }
  }
  return encodeWav({ channels: [samples], sampleRate: SAMPLE_RATE });
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const isPng = (bytes: Buffer) => bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
const isWebp = (bytes: Buffer) =>
  bytes.subarray(0, 4).toString("latin1") === "RIFF" && bytes.subarray(8, 12).toString("latin1") === "WEBP";

describe("analysis image routes", () => {
  let server: TestServer;
  let id: string;

  beforeAll(async () => {
    server = await startTestServer((scratch) => ({ allowedRoots: [join(scratch, "music")] }), { runJobs: false });
    const root = join(server.scratch, "music");
    mkdirSync(root);
    writeFileSync(join(root, "tone.wav"), sineWav(220, 3));
    id = await submitPath(join(root, "tone.wav"));
  });
  afterAll(async () => server?.close());

  async function submitPath(path: string): Promise<string> {
    const response = await fetch(`${server.base}/api/analyses`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path }),
    });
    expect(response.status).toBe(202);
    return (await readJson(response)).id;
  }

  async function get(path: string, headers: Record<string, string> = {}) {
    const response = await fetch(`${server.base}/api/analyses/${id}${path}`, { headers });
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  }

  function rendersOf(analysisId: string): string[] {
    const folder = join(server.config.dataDir!, "renders", analysisId);
    return existsSync(folder) ? readdirSync(folder) : [];
  }

  it("draws a spectrogram as PNG with its size, length, a strong ETag and Cache-Control, then answers 304", async () => {
    const { response, body } = await get("/spectrogram?format=png&width=320&height=160&colormap=viridis");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(isPng(body)).toBe(true);
    expect(Number(response.headers.get("content-length"))).toBe(body.length);
    expect(await sharp(body).metadata()).toMatchObject({ width: 320, height: 160, format: "png" });
    const etag = response.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}\.image\.png"$/);
    expect(response.headers.get("cache-control")).toBe("private, max-age=86400");

    const again = await get("/spectrogram?colormap=viridis&height=160&width=320&format=png", {
      "if-none-match": `W/"other", ${etag}`,
    });
    expect(again.response.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect(again.response.headers.get("etag")).toBe(etag);
    expect(again.response.headers.get("cache-control")).toBe("private, max-age=86400");
    // Another query is another image with another tag.
    const other = await get("/spectrogram?format=png&width=320&height=160", { "if-none-match": etag });
    expect(other.response.status).toBe(200);
    expect(other.response.headers.get("etag")).not.toBe(etag);
  });

  it("picks WebP or PNG from Accept when the query names no format, and grows by the axes' margins", async () => {
    const browser = await get("/spectrogram?width=200&height=100&type=log", {
      accept: "image/avif,image/webp,image/apng,image/*,*/*;q=0.8",
    });
    expect(browser.response.headers.get("content-type")).toBe("image/webp");
    expect(browser.response.headers.get("vary")).toMatch(/accept/i);
    expect(isWebp(browser.body)).toBe(true);
    const png = await get("/spectrogram?width=200&height=100&type=mel&axes=true", { accept: "image/png" });
    expect(png.response.headers.get("content-type")).toBe("image/png");
    expect(await sharp(png.body).metadata()).toMatchObject({ width: 200 + 64, height: 100 + 24 });
    const linear = await get("/spectrogram?width=100&height=64&type=linear&maxHz=4000&colormap=%23000000,%23ffffff");
    expect(linear.response.status).toBe(200);
    expect(await sharp(linear.body).metadata()).toMatchObject({ width: 100, height: 64, format: "webp" });
  });

  it("refuses bad parameters with 400 (the query's schema) or 422 (combinations)", async () => {
    const cases: [string, number, RegExp][] = [
      ["/spectrogram?colormap=rainbow", 400, /colormap.*magma/],
      ["/spectrogram?width=4", 400, /width/],
      ["/spectrogram?height=16385", 400, /height/],
      ["/spectrogram?type=wavelet", 400, /type/],
      ["/spectrogram?format=gif", 400, /format/],
      ["/spectrogram?axes=maybe", 400, /axes/],
      ["/spectrogram?minHz=2000&maxHz=1000", 422, /minHz \(2000\) must be below maxHz/],
      ["/melograph?tonic=200&estimateTonic=true", 422, /tonic or estimateTonic/],
      ["/pitch?fmin=900&fmax=300", 422, /fmin < fmax/],
      ["/spectrogram/idtap/other.bin", 400, /file/],
    ];
    for (const [path, status, message] of cases) {
      const { response, body } = await get(path);
      expect({ path, status: response.status }).toEqual({ path, status });
      expect(JSON.parse(body.toString()).error.message).toMatch(message);
    }
  });

  it("answers 404 for an unknown analysis and 400 for an id that is no UUID", async () => {
    const unknown = await fetch(`${server.base}/api/analyses/00000000-0000-4000-8000-000000000000/spectrogram`);
    expect(unknown.status).toBe(404);
    expect((await readJson(unknown)).error).toMatchObject({ code: "NOT_FOUND" });
    expect((await fetch(`${server.base}/api/analyses/nope/pitch`)).status).toBe(400);
  });

  it("serves the spectrogram's uint8 data as JSON (axes + base64) or raw bytes with its axes", async () => {
    const json = await get("/spectrogram/data?frames=100&type=cqt");
    expect(json.response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const data = JSON.parse(json.body.toString());
    const [frames, bins] = data.shape;
    // About the frames asked: the constant-Q hop is rounded up to its hop quantum.
    expect(frames).toBeGreaterThan(50);
    expect(frames).toBeLessThanOrEqual(101);
    expect(data.frequencies).toHaveLength(bins);
    expect(data).toMatchObject({ layout: "frame-major, bin 0 = lowest frequency", encoding: "base64" });
    const bytes = Buffer.from(data.data, "base64");
    expect(bytes.length).toBe(frames * bins);
    // The loudest bin of a middle frame is the one nearest 220 Hz.
    const middle = bytes.subarray(Math.floor(frames / 2) * bins, Math.floor(frames / 2 + 1) * bins);
    const loudest = middle.indexOf(Math.max(...middle));
    expect(Math.abs(1200 * Math.log2(data.frequencies[loudest] / 220))).toBeLessThan(50);

    const raw = await get("/spectrogram/data?frames=100&type=cqt", { accept: "application/octet-stream" });
    expect(raw.response.headers.get("content-type")).toBe("application/octet-stream");
    expect(raw.body.equals(bytes)).toBe(true);
    const axes = await get("/spectrogram/axes?type=cqt&frames=100");
    const { data: _data, encoding: _encoding, ...expectedAxes } = data;
    expect(JSON.parse(axes.body.toString())).toEqual(expectedAxes);
  });

  it("serves IDTAP's spec_data.gz (gzip, as stored) and spec_shape.json", async () => {
    const gz = await get("/spectrogram/idtap/spec_data.gz");
    expect(gz.response.status).toBe(200);
    expect(gz.response.headers.get("content-type")).toBe("application/gzip");
    expect(gz.response.headers.get("content-encoding")).toBeNull();
    expect([...gz.body.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const shape = JSON.parse((await get("/spectrogram/idtap/spec_shape.json")).body.toString());
    expect(shape.shape[0]).toBe(361);
    expect(gunzipSync(gz.body).length).toBe(shape.shape[0] * shape.shape[1]);
  });

  it("serves zoom tiles with their index, and 404 past the last tile", async () => {
    const index = await get("/spectrogram/tiles/tiles.json?type=log");
    expect(index.response.status).toBe(200);
    const tiles = JSON.parse(index.body.toString());
    expect(tiles).toMatchObject({ tileWidth: 512, tileHeight: 256, format: "webp" });
    const tile = await get("/spectrogram/tiles/0/0.webp?type=log");
    expect(tile.response.headers.get("content-type")).toBe("image/webp");
    const metadata = await sharp(tile.body).metadata();
    expect(metadata.height).toBe(256);
    expect(metadata.format).toBe("webp");
    const past = await get(`/spectrogram/tiles/0/${tiles.levels[0].tiles}.webp?type=log`);
    expect(past.response.status).toBe(404);
    expect((await get("/spectrogram/tiles/0/0.png?type=log")).response.status).toBe(400);
  });

  it("tracks the 220 Hz tone's pitch, in cents above a given tonic", async () => {
    const { response, body } = await get("/pitch?tonic=110");
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    const contour = JSON.parse(body.toString());
    expect(contour.tonicHz).toBe(110);
    expect(contour.times.length).toBe(contour.f0Hz.length);
    const voiced = contour.f0Hz.filter((hz: number | null) => hz !== null);
    expect(voiced.length).toBeGreaterThan(0.8 * contour.f0Hz.length);
    expect(Math.abs(1200 * Math.log2(median(voiced) / 220))).toBeLessThan(10);
    const cents = contour.cents.filter((value: number | null) => value !== null);
    expect(Math.abs(median(cents) - 1200)).toBeLessThan(10);
    const estimated = JSON.parse((await get("/pitch?estimateTonic=true")).body.toString());
    expect(estimated.tonicHz).not.toBeNull();
  });

  it("measures the contour against the recording's stored tonic, and a changed tonic changes the ETag", async () => {
    const plain = await get("/pitch");
    expect(JSON.parse(plain.body.toString()).tonicHz).toBeNull();
    const put = await fetch(`${server.base}/api/analyses/${id}/tonic`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ hz: 110 }),
    });
    expect(put.status).toBe(200);
    const stored = await get("/pitch");
    const contour = JSON.parse(stored.body.toString());
    expect(contour.tonicHz).toBe(110);
    expect(stored.response.headers.get("etag")).not.toBe(plain.response.headers.get("etag"));
    const cents = contour.cents.filter((value: number | null) => value !== null);
    expect(Math.abs(median(cents) - 1200)).toBeLessThan(10);
    // A tonic in the request still wins over the stored one.
    expect(JSON.parse((await get("/pitch?tonic=220")).body.toString()).tonicHz).toBe(220);
  });

  it("draws a melograph at the size asked", async () => {
    const { response, body } = await get("/melograph?width=300&height=120&format=png&tonic=220&spectrogram=true");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(await sharp(body).metadata()).toMatchObject({ width: 300, height: 120 });
    const webp = await get("/melograph?width=300&height=120&axes=true");
    expect(isWebp(webp.body)).toBe(true);
    expect(await sharp(webp.body).metadata()).toMatchObject({ width: 364, height: 144 });
  });

  it("transcribes a melody's notes as JSON or a MIDI download, with caching headers and 304", async () => {
    const melody = [
      [0.2, 0.7, 62],
      [0.7, 1.2, 66],
      [1.8, 2.3, 69],
    ] as const;
    writeFileSync(join(server.scratch, "music", "melody.wav"), melodyWav(melody, 2.6));
    const own = await submitPath(join(server.scratch, "music", "melody.wav"));
    const url = `${server.base}/api/analyses/${own}/notes`;

    const json = await fetch(`${url}?tonic=293.66`);
    expect(json.status).toBe(200);
    expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(json.headers.get("cache-control")).toBe("private, max-age=86400");
    expect(json.headers.get("content-disposition")).toBeNull();
    const etag = json.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}\.notes\.json"$/);
    const transcription = await readJson(json);
    expect(transcription).toMatchObject({ source: "solo", tonicHz: 293.66 });
    expect(transcription.notes.map((note: { midi: number }) => Math.round(note.midi))).toEqual([62, 66, 69]);
    for (const [index, [onset]] of melody.entries()) {
      expect(Math.abs(transcription.notes[index].onset - onset)).toBeLessThanOrEqual(0.05);
    }
    expect(transcription.notes[0].cents).toBeCloseTo(0, -1);
    expect(transcription.phrases).toHaveLength(2);
    const cached = await fetch(`${url}?tonic=293.66`, { headers: { "if-none-match": etag } });
    expect(cached.status).toBe(304);
    expect(cached.headers.get("etag")).toBe(etag);

    // The same transcription as MIDI, by query or by Accept; its own tag.
    for (const [query, headers] of [
      ["?tonic=293.66&format=midi", {}],
      ["?tonic=293.66", { accept: "audio/midi" }],
    ] as const) {
      const midi = await fetch(`${url}${query}`, { headers });
      expect(midi.status).toBe(200);
      expect(midi.headers.get("content-type")).toBe("audio/midi");
      expect(midi.headers.get("vary")).toMatch(/accept/i);
      expect(midi.headers.get("content-disposition")).toContain('filename="melody.notes.mid"');
      expect(midi.headers.get("etag")).toMatch(/\.notes\.mid"$/);
      const file = readMidi(new Uint8Array(await midi.arrayBuffer()));
      expect(notesOf(file).map((note) => note.key)).toEqual([62, 66, 69]);
    }
    // JSON and MIDI are two files of one render.
    expect(rendersOf(own)).toHaveLength(1);

    const cases: [string, number, RegExp][] = [
      ["?source=mix", 400, /source/],
      ["?program=128", 400, /program/],
      ["?format=wav", 400, /format/],
      ["?pitchBend=perhaps", 400, /pitchBend/],
      ["?source=poly&fmin=80", 422, /solo only/],
      ["?tonic=200&estimateTonic=true", 422, /tonic or estimateTonic/],
    ];
    for (const [query, status, message] of cases) {
      const response = await fetch(`${url}${query}`);
      expect({ query, status: response.status }).toEqual({ query, status });
      expect((await readJson(response)).error.message).toMatch(message);
    }
  });

  it("renders concurrent identical requests once, and deleting the analysis removes its renders", async () => {
    const own = await submitPath(join(server.scratch, "music", "tone.wav"));
    const before = server.service.analysisImages.renders;
    const url = `${server.base}/api/analyses/${own}/melograph?width=256&height=96&format=png`;
    const responses = await Promise.all([1, 2, 3, 4].map(() => fetch(url)));
    const bodies = await Promise.all(responses.map(async (response) => Buffer.from(await response.arrayBuffer())));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200]);
    expect(new Set(responses.map((response) => response.headers.get("etag"))).size).toBe(1);
    expect(bodies.every((body) => body.equals(bodies[0]!))).toBe(true);
    expect(server.service.analysisImages.renders - before).toBe(1);
    expect(rendersOf(own)).toHaveLength(1);
    // A cached product is served without rendering.
    expect((await fetch(url)).status).toBe(200);
    expect(server.service.analysisImages.renders - before).toBe(1);

    expect((await fetch(`${server.base}/api/analyses/${own}`, { method: "DELETE" })).status).toBe(204);
    expect(rendersOf(own)).toEqual([]);
    expect((await fetch(url)).status).toBe(404);
  });

  it("answers 410 Gone with the reason once the retention policy removed the audio", async () => {
    const upload = await fetch(`${server.base}/api/analyses`, {
      method: "POST",
      body: audioForm(new Uint8Array(sineWav(330, 1)), "kept-briefly.wav"),
    });
    const created = await readJson(upload);
    const png = await fetch(`${server.base}/api/analyses/${created.id}/spectrogram?width=64&height=32`);
    expect(png.status).toBe(200);
    expect(rendersOf(created.id)).toHaveLength(1);
    // The job never runs here (runJobs: false); cancelled, it is finished and its audio may go.
    await server.service.cancelJob(created.job.id);
    const report = await server.service.sweepRetention(new Date(Date.now() + 400 * 24 * 3600 * 1000));
    expect(report.audioRemoved).toBe(1);
    const gone = await fetch(`${server.base}/api/analyses/${created.id}/spectrogram?width=64&height=32`);
    expect(gone.status).toBe(410);
    expect((await readJson(gone)).error.message).toMatch(/audio of analysis .* was removed .* retention policy/);
    expect(rendersOf(created.id)).toEqual([]);
  });
});
