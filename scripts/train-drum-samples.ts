/**
 * The one-shot drum samples the drum-model training mixes its patterns from:
 * - Hydrogen's sampled kits (Debian package hydrogen-drumkits): each kit's drumkit.xml
 *   names its instruments, whose names map onto tonearm's drum classes (the same naming
 *   rules as the shared corpus, ../shared/corpus/evallib/drumkits.py); every velocity layer
 *   is decoded with ffmpeg;
 * - the drum kits (bank 128) of General MIDI soundfonts, one note at a time at several
 *   velocities, rendered dry with fluidsynth.
 * Every sample is mono at SAMPLE_RATE, its leading silence trimmed (the attack at sample
 * 0), at most MAX_SECONDS long. Part of scripts/train-drum-model.ts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeMidiFile } from "./train-drum-midi.js";

export const SAMPLE_RATE = 44_100;
const MAX_SECONDS = 2.5;

/** The instrument kinds of the training patterns (the corpus's GM instrument names). */
export const TRAINING_INSTRUMENTS = [
  "kick",
  "snare",
  "hihat_closed",
  "hihat_open",
  "crash",
  "ride",
  "tom_low",
  "tom_mid",
  "tom_high",
] as const;
export type TrainingInstrument = (typeof TRAINING_INSTRUMENTS)[number];

export interface DrumSample {
  /** Mono samples at SAMPLE_RATE, attack at 0. */
  readonly samples: Float32Array;
  /** Velocity range (0..1) of the layer. */
  readonly minVelocity: number;
  readonly maxVelocity: number;
}

/** One kit: for each instrument kind, one or more instruments, each a list of velocity layers. */
export interface TrainingKit {
  readonly name: string;
  readonly instruments: Partial<Record<TrainingInstrument, DrumSample[][]>>;
}

export const HYDROGEN_ROOT = "/usr/share/hydrogen/data/drumkits";

/** Hydrogen kits that are drum sets (the others are hand percussion). */
export const HYDROGEN_DRUM_KITS = [
  "Audiophob",
  "BJA_Pacific",
  "ColomboAcousticDrumkit",
  "ElectricEmpireKit",
  "ForzeeStereo",
  "HardElectro1",
  "Millo-Drums_v.1",
  "Millo_MultiLayered2",
  "Millo_MultiLayered3",
  "The Black Pearl 1.0",
  "VariBreaks",
  "rumpf_kit_z01_h2",
];

// Instrument names → kinds, first match wins (the corpus's rules, drumkits.py).
const NAME_RULES: readonly [TrainingInstrument, RegExp][] = [
  ["hihat_open", /(open|op\b|opened|\bohh\b|hat op|semi-?open)/],
  ["hihat_closed", /(closed|hat cl|\bhh\b|hi-?hat|hihat|\bhat\b|hat )/],
  ["kick", /(kick|bass ?drum|bassdrum|\bbd\b)/],
  ["snare", /(snare)/],
  ["crash", /(crash|splash|china)/],
  ["ride", /(ride)/],
  ["tom_low", /(floor tom|tom low|low tom|tom floor|tom ?1 ?low)/],
  ["tom_high", /(tom hi|high tom|tom high|tom 1\b|tomhi)/],
  ["tom_mid", /(tom mid|middle tom|tom 2|\btom\b|mid tom)/],
];
const EXCLUDED_NAMES =
  /(pedal|rim|roll|stick|choke|swish|bell|flink|side|clap|cowbell|hat free|dirty|ring|low hat|hat low|cup)/;

export function instrumentKind(name: string): TrainingInstrument | null {
  const lower = name.toLowerCase().trim();
  if (lower === "" || EXCLUDED_NAMES.test(lower)) return null;
  return NAME_RULES.find(([, rule]) => rule.test(lower))?.[0] ?? null;
}

function tagText(xml: string, tag: string): string | null {
  const match = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return match === null ? null : decodeEntities(match[1]!.trim());
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, "&");
}

/** Mono float samples of any file ffmpeg reads, at SAMPLE_RATE. */
function decodeMono(path: string): Float32Array {
  const pcm = execFileSync(
    "ffmpeg",
    ["-v", "error", "-i", path, "-f", "f32le", "-ac", "1", "-ar", String(SAMPLE_RATE), "-"],
    { maxBuffer: 1 << 30 },
  );
  return new Float32Array(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength));
}

/**
 * Leading silence trimmed (first sample above 1 % of the peak, less 0.5 ms), at most
 * MAX_SECONDS with a 5-ms fade-out, scaled to an attack RMS (first 50 ms) of 0.25 as the
 * corpus does, so kits and classes start balanced; null when silent.
 */
export function trimOneShot(samples: Float32Array): Float32Array | null {
  let peak = 0;
  for (const value of samples) peak = Math.max(peak, Math.abs(value));
  if (!(peak > 1e-5)) return null;
  let start = samples.findIndex((value) => Math.abs(value) > 0.01 * peak);
  start = Math.max(0, start - Math.round(0.0005 * SAMPLE_RATE));
  const length = Math.min(samples.length - start, Math.round(MAX_SECONDS * SAMPLE_RATE));
  const out = samples.slice(start, start + length);
  const attack = Math.min(out.length, Math.round(0.05 * SAMPLE_RATE));
  let energy = 0;
  for (let n = 0; n < attack; n++) energy += out[n]! * out[n]!;
  const gain = 0.25 / Math.max(Math.sqrt(energy / Math.max(1, attack)), 1e-6);
  const fade = Math.min(out.length, Math.round(0.005 * SAMPLE_RATE));
  for (let n = 0; n < out.length; n++) {
    const fromEnd = out.length - n;
    out[n] = out[n]! * gain * (fromEnd < fade ? fromEnd / fade : 1);
  }
  return out;
}

export function loadHydrogenKit(kit: string): TrainingKit {
  const directory = join(HYDROGEN_ROOT, kit);
  const xml = readFileSync(join(directory, "drumkit.xml"), "utf8");
  const instruments: TrainingKit["instruments"] = {};
  for (const block of xml.split("<instrument>").slice(1)) {
    const body = block.split("</instrument>")[0]!;
    const name = tagText(body, "name");
    const kind = name === null ? null : instrumentKind(name);
    if (kind === null) continue;
    const layers: DrumSample[] = [];
    const layerBlocks = body.split("<layer>").slice(1);
    const specs =
      layerBlocks.length > 0
        ? layerBlocks.map((layer) => ({
            file: tagText(layer, "filename"),
            min: Number(tagText(layer, "min") ?? 0),
            max: Number(tagText(layer, "max") ?? 1),
          }))
        : [{ file: tagText(body, "filename"), min: 0, max: 1 }];
    for (const spec of specs) {
      if (spec.file === null || spec.file === "") continue;
      const path = join(directory, spec.file);
      if (!existsSync(path)) continue;
      const samples = trimOneShot(decodeMono(path));
      if (samples !== null) layers.push({ samples, minVelocity: spec.min, maxVelocity: spec.max });
    }
    if (layers.length === 0) continue;
    layers.sort((a, b) => a.minVelocity - b.minVelocity);
    const list = instruments[kind] ?? [];
    list.push(layers);
    instruments[kind] = list;
  }
  return { name: `hydrogen:${kit}`, instruments };
}

export interface SoundfontKit {
  readonly soundfont: string;
  /** Bank-128 preset (program) of the kit. */
  readonly preset: number;
}

export const SOUNDFONTS = [
  "/usr/share/sounds/sf2/FluidR3_GM.sf2",
  "/usr/share/sounds/sf2/TimGM6mb.sf2",
  "/usr/share/sounds/sf3/MuseScore_General.sf3",
];

/** Standard, Room, Power, Electronic, TR-808, Jazz, Brush. */
export const GM_KIT_PRESETS = [0, 8, 16, 24, 25, 32, 40];

/** GM percussion keys of each kind (side stick, pedal hi-hat, bells and hand percussion left out). */
const GM_KEYS: Readonly<Record<TrainingInstrument, readonly number[]>> = {
  kick: [35, 36],
  snare: [38, 40],
  hihat_closed: [42],
  hihat_open: [46],
  crash: [49, 57, 55, 52],
  ride: [51, 59],
  tom_low: [41, 43],
  tom_mid: [45, 47],
  tom_high: [48, 50],
};
const GM_VELOCITIES = [45, 70, 95, 120];
const NOTE_SPACING_SECONDS = 3;

/** Renders every key × velocity of one soundfont kit (dry) and cuts it into one-shots. */
export function renderSoundfontKit(kit: SoundfontKit, workDirectory: string): TrainingKit {
  const notes: { kind: TrainingInstrument; key: number; velocity: number; time: number }[] = [];
  for (const kind of TRAINING_INSTRUMENTS) {
    for (const key of GM_KEYS[kind]) {
      for (const velocity of GM_VELOCITIES) {
        notes.push({ kind, key, velocity, time: 0.5 + notes.length * NOTE_SPACING_SECONDS });
      }
    }
  }
  const base = join(workDirectory, `gm-${kit.soundfont.split("/").pop()}-${kit.preset}`);
  writeMidiFile(`${base}.mid`, [
    { timeSeconds: 0, channel: 9, kind: "program", value: kit.preset },
    ...notes.flatMap((note) => [
      { timeSeconds: note.time, channel: 9, kind: "on" as const, key: note.key, velocity: note.velocity },
      { timeSeconds: note.time + 0.2, channel: 9, kind: "off" as const, key: note.key, velocity: 0 },
    ]),
    { timeSeconds: notes.length * NOTE_SPACING_SECONDS + 1, channel: 9, kind: "off", key: 36, velocity: 0 },
  ]);
  const rendered = renderMidi(`${base}.mid`, kit.soundfont, `${base}.wav`, { reverb: false });
  const instruments: TrainingKit["instruments"] = {};
  const byKey = new Map<number, DrumSample[]>();
  for (const note of notes) {
    const from = Math.round(note.time * SAMPLE_RATE);
    const to = Math.min(rendered.length, from + Math.round((NOTE_SPACING_SECONDS - 0.05) * SAMPLE_RATE));
    const samples = trimOneShot(rendered.subarray(from, to));
    if (samples === null) continue;
    if (!byKey.has(note.key)) {
      const layers: DrumSample[] = [];
      byKey.set(note.key, layers);
      const list = instruments[note.kind] ?? [];
      list.push(layers);
      instruments[note.kind] = list;
    }
    const step = 1 / GM_VELOCITIES.length;
    const index = GM_VELOCITIES.indexOf(note.velocity);
    byKey.get(note.key)!.push({ samples, minVelocity: index * step, maxVelocity: (index + 1) * step });
  }
  return { name: `${kit.soundfont.split("/").pop()}:${kit.preset}`, instruments };
}

/** fluidsynth renders a MIDI file to mono float samples at SAMPLE_RATE. */
export function renderMidi(
  midiPath: string,
  soundfont: string,
  wavPath: string,
  options: { readonly reverb: boolean },
): Float32Array {
  const args = [
    "-ni",
    "-q",
    ...(options.reverb ? [] : ["-R", "0", "-C", "0"]),
    "-g",
    "0.5",
    "-r",
    String(SAMPLE_RATE),
    "-F",
    wavPath,
    soundfont,
    midiPath,
  ];
  // A render stopped by a signal from outside is simply run again (it is deterministic).
  for (let attempt = 1; ; attempt++) {
    try {
      execFileSync("fluidsynth", args, { stdio: ["ignore", "ignore", "pipe"] });
      break;
    } catch (error) {
      const signal = (error as { signal?: string | null }).signal;
      if (signal === null || signal === undefined || attempt >= 3) throw error;
    }
  }
  return decodeMono(wavPath);
}

/** Every training kit, cached as one binary file per kit in `cacheDirectory`. */
export function loadTrainingKits(cacheDirectory: string, log: (line: string) => void): TrainingKit[] {
  mkdirSync(cacheDirectory, { recursive: true });
  const kits: TrainingKit[] = [];
  const sources: { id: string; load: () => TrainingKit }[] = [
    ...HYDROGEN_DRUM_KITS.filter((kit) => existsSync(join(HYDROGEN_ROOT, kit, "drumkit.xml"))).map((kit) => ({
      id: `hydrogen-${kit}`,
      load: () => loadHydrogenKit(kit),
    })),
    ...SOUNDFONTS.filter((soundfont) => existsSync(soundfont)).flatMap((soundfont) =>
      GM_KIT_PRESETS.map((preset) => ({
        id: `gm-${soundfont.split("/").pop()}-${preset}`,
        load: () => renderSoundfontKit({ soundfont, preset }, cacheDirectory),
      })),
    ),
  ];
  for (const source of sources) {
    const path = join(cacheDirectory, `${source.id.replace(/[^A-Za-z0-9_.-]/g, "_")}.kit`);
    if (existsSync(path)) {
      kits.push(readKit(path));
      continue;
    }
    log(`  kit ${source.id}`);
    const kit = source.load();
    writeKit(path, kit);
    kits.push(kit);
  }
  return kits.filter((kit) => kit.instruments.kick && kit.instruments.snare && kit.instruments.hihat_closed);
}

/** A kit file: a JSON header line, then the float samples of every layer in order. */
function writeKit(path: string, kit: TrainingKit): void {
  const header = {
    name: kit.name,
    instruments: Object.fromEntries(
      Object.entries(kit.instruments).map(([kind, list]) => [
        kind,
        list.map((layers) =>
          layers.map((layer) => ({
            length: layer.samples.length,
            minVelocity: layer.minVelocity,
            maxVelocity: layer.maxVelocity,
          })),
        ),
      ]),
    ),
  };
  const arrays = Object.values(kit.instruments).flatMap((list) => list.flat());
  const headerBytes = Buffer.from(`${JSON.stringify(header)}\n`);
  const total = arrays.reduce((sum, layer) => sum + layer.samples.length, 0);
  const body = new Float32Array(total);
  let at = 0;
  for (const layer of arrays) {
    body.set(layer.samples, at);
    at += layer.samples.length;
  }
  const padding = (4 - (headerBytes.length % 4)) % 4;
  writeFileSync(
    path,
    Buffer.concat([
      headerBytes,
      Buffer.alloc(padding, 0x20),
      Buffer.from(body.buffer, body.byteOffset, body.byteLength),
    ]),
  );
}

interface KitHeader {
  readonly name: string;
  readonly instruments: Record<string, { length: number; minVelocity: number; maxVelocity: number }[][]>;
}

function readKit(path: string): TrainingKit {
  const bytes = readFileSync(path);
  const newline = bytes.indexOf(0x0a);
  const header = JSON.parse(bytes.subarray(0, newline).toString("utf8")) as KitHeader;
  let offset = newline + 1;
  offset += (4 - (offset % 4)) % 4;
  const body = new Float32Array(bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + bytes.length));
  let at = 0;
  const instruments: TrainingKit["instruments"] = {};
  for (const [kind, list] of Object.entries(header.instruments)) {
    instruments[kind as TrainingInstrument] = list.map((layers) =>
      layers.map((layer) => {
        const samples = body.slice(at, at + layer.length);
        at += layer.length;
        return { samples, minVelocity: layer.minVelocity, maxVelocity: layer.maxVelocity };
      }),
    );
  }
  return { name: header.name, instruments };
}

/** The kits found in `cacheDirectory` (for inspection). */
export function cachedKitFiles(cacheDirectory: string): string[] {
  return existsSync(cacheDirectory) ? readdirSync(cacheDirectory).filter((name) => name.endsWith(".kit")) : [];
}
