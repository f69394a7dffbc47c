/**
 * Writes planar float signals as FLAC files (16- or 24-bit), in pure TypeScript: no ffmpeg
 * process, the same bytes on every machine, and a stem is written as it is encoded.
 * Each block of 4096 frames is one frame: the samples are rounded to integers (to nearest,
 * clipped to the integer range and counted, NaN → 0: the WAV writer's rules), stereo is
 * coded as independent, left/side, side/right or mid/side channels (whichever is cheapest),
 * each channel as a CONSTANT subframe, a FIXED-predictor subframe (order 0–4, the one with
 * the smallest residual) with partitioned Rice-coded residuals, or VERBATIM when that is
 * smaller. STREAMINFO carries the MD5 of the integer samples and the frame size range
 * (written last, by seeking back, in `writeFlac`). Compression is that of `flac -1`-like
 * fixed prediction (typically 55–70 % of 16-bit WAV for music), not of LPC.
 * Why not ffmpeg: a stem is written at the end of a job that may run without ffmpeg (WAV
 * input), and a child process adds a failure mode (missing binary, old bundled build)
 * for a format that fixed prediction encodes correctly in a few hundred lines.
 * Reference: RFC 9639, "Free Lossless Audio Codec (FLAC)" (2024): sections 8 (metadata,
 *   STREAMINFO), 9 (frames, headers, CRC-8/CRC-16), 9.2 (subframes: constant, verbatim,
 *   fixed predictors), 9.2.7 (coded residual, Rice partitions).
 */
import { createHash, type Hash } from "node:crypto";
import { open } from "node:fs/promises";
import { TonearmError } from "../analysis/errors.js";
import type { AudioSignal } from "../core/types.js";

export interface FlacWriteOptions {
  /** Bits per sample: 16 (default) or 24. */
  readonly bitsPerSample?: 16 | 24;
}

export interface FlacWriteResult {
  readonly bytes: number;
  /** Samples beyond full scale that were clipped. */
  readonly clippedSamples: number;
}

/** Frames per FLAC frame (block). */
export const FLAC_BLOCK_SIZE = 4096;
const STREAMINFO_OFFSET = 8;
const MAX_PARTITION_ORDER = 6;

/** Encodes `signal` as a complete FLAC file in memory. */
export function encodeFlac(signal: AudioSignal, options: FlacWriteOptions = {}): Uint8Array {
  const encoder = new FlacStreamEncoder(signal, options.bitsPerSample ?? 16);
  const pieces = [encoder.header()];
  for (let start = 0; start < encoder.frames; start += FLAC_BLOCK_SIZE) pieces.push(encoder.encodeBlock(start));
  pieces[0] = encoder.header();
  return concatenate(pieces);
}

/** Writes `signal` to `path` as FLAC, block by block. File-system errors are Node's own. */
export async function writeFlac(
  path: string,
  signal: AudioSignal,
  options: FlacWriteOptions = {},
): Promise<FlacWriteResult> {
  const encoder = new FlacStreamEncoder(signal, options.bitsPerSample ?? 16);
  const handle = await open(path, "w");
  try {
    let bytes = 0;
    const write = async (piece: Uint8Array) => {
      await handle.write(piece);
      bytes += piece.length;
    };
    await write(encoder.header());
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    for (let start = 0; start < encoder.frames; start += FLAC_BLOCK_SIZE) {
      const frame = encoder.encodeBlock(start);
      pending.push(frame);
      pendingBytes += frame.length;
      if (pendingBytes >= 1 << 20) {
        await write(concatenate(pending));
        pending = [];
        pendingBytes = 0;
      }
    }
    if (pending.length > 0) await write(concatenate(pending));
    // STREAMINFO again, now with the MD5 and the frame sizes.
    const header = encoder.header();
    await handle.write(header.subarray(STREAMINFO_OFFSET), 0, header.length - STREAMINFO_OFFSET, STREAMINFO_OFFSET);
    return { bytes, clippedSamples: encoder.clippedSamples };
  } finally {
    await handle.close();
  }
}

class FlacStreamEncoder {
  readonly frames: number;
  clippedSamples = 0;
  private readonly channels: number;
  private readonly full: number;
  private readonly md5: Hash = createHash("md5");
  private md5Digest: Uint8Array | null = null;
  private frameNumber = 0;
  private minFrameBytes = 0;
  private maxFrameBytes = 0;
  private readonly integers: Int32Array[];
  private readonly side = new Int32Array(FLAC_BLOCK_SIZE);
  private readonly mid = new Int32Array(FLAC_BLOCK_SIZE);
  private readonly residual = new Int32Array(FLAC_BLOCK_SIZE);
  private readonly pcm: Uint8Array;
  private readonly writer = new BitWriter();

  constructor(
    private readonly signal: AudioSignal,
    private readonly bitsPerSample: 16 | 24,
  ) {
    const fail = (detail: string) => new TonearmError("INVALID_OPTION", `writeFlac: ${detail}`);
    if (bitsPerSample !== 16 && bitsPerSample !== 24)
      throw fail(`bitsPerSample must be 16 or 24, got ${bitsPerSample}`);
    this.channels = signal.channels.length;
    if (this.channels < 1 || this.channels > 8) throw fail(`signal must have 1 to 8 channels, got ${this.channels}`);
    if (!Number.isInteger(signal.sampleRate) || signal.sampleRate <= 0 || signal.sampleRate >= 2 ** 20) {
      throw fail(`sampleRate must be an integer in 1 … 1048575, got ${signal.sampleRate}`);
    }
    this.frames = signal.channels[0]!.length;
    if (signal.channels.some((channel) => channel.length !== this.frames)) throw fail("channels differ in length");
    this.full = 2 ** (bitsPerSample - 1);
    this.integers = signal.channels.map(() => new Int32Array(FLAC_BLOCK_SIZE));
    this.pcm = new Uint8Array(FLAC_BLOCK_SIZE * this.channels * (bitsPerSample / 8));
  }

  /** "fLaC" and STREAMINFO (MD5 and frame sizes are zero = unknown until the last block). */
  header(): Uint8Array {
    const out = new Uint8Array(42);
    out.set([0x66, 0x4c, 0x61, 0x43, 0x80, 0, 0, 34]); // "fLaC", last metadata block, STREAMINFO, 34 bytes
    const writer = new BitWriter();
    // Fixed block size (only the last block may be shorter).
    writer.write(FLAC_BLOCK_SIZE, 16);
    writer.write(FLAC_BLOCK_SIZE, 16);
    writer.write(this.minFrameBytes, 24);
    writer.write(this.maxFrameBytes, 24);
    writer.write(this.signal.sampleRate, 20);
    writer.write(this.channels - 1, 3);
    writer.write(this.bitsPerSample - 1, 5);
    writer.write(Math.floor(this.frames / 2 ** 32), 4);
    writer.write(this.frames % 2 ** 32, 32);
    const done = this.frameNumber * FLAC_BLOCK_SIZE >= this.frames;
    if (done && this.md5Digest === null) this.md5Digest = new Uint8Array(this.md5.digest());
    const digest = this.md5Digest ?? new Uint8Array(16);
    for (const byte of digest) writer.write(byte, 8);
    out.set(writer.bytes(), 8);
    return out;
  }

  /** One FLAC frame holding frames [start, start + 4096). */
  encodeBlock(start: number): Uint8Array {
    const count = Math.min(FLAC_BLOCK_SIZE, this.frames - start);
    this.quantise(start, count);
    const writer = this.writer;
    writer.reset();
    const [left, right] = this.integers;
    const stereo = this.channels === 2 ? this.chooseStereoCoding(count) : null;
    const assignment = stereo?.assignment ?? this.channels - 1;
    // Frame header (RFC 9639 §9.1): sync, fixed blocking, block size, rate and depth from the codes.
    writer.write(0b11111111111110, 14);
    writer.write(0, 1);
    writer.write(0, 1);
    const sizeCode = count === FLAC_BLOCK_SIZE ? 0b1100 : count <= 256 ? 0b0110 : 0b0111;
    writer.write(sizeCode, 4);
    writer.write(0b0000, 4); // sample rate: from STREAMINFO
    writer.write(assignment, 4);
    writer.write(this.bitsPerSample === 16 ? 0b100 : 0b110, 3);
    writer.write(0, 1);
    writeUtf8Number(writer, this.frameNumber);
    if (sizeCode === 0b0110) writer.write(count - 1, 8);
    else if (sizeCode === 0b0111) writer.write(count - 1, 16);
    writer.write(crc8(writer.bytesSoFar()), 8);
    const depth = this.bitsPerSample;
    if (stereo === null) {
      for (const channel of this.integers)
        this.writeSubframe(channel, count, depth, bestFixedOrder(channel, count).order);
    } else {
      const { orders } = stereo;
      if (assignment === 0b0001) {
        this.writeSubframe(left!, count, depth, orders.left);
        this.writeSubframe(right!, count, depth, orders.right);
      } else if (assignment === 0b1000) {
        this.writeSubframe(left!, count, depth, orders.left);
        this.writeSubframe(this.side, count, depth + 1, orders.side);
      } else if (assignment === 0b1001) {
        this.writeSubframe(this.side, count, depth + 1, orders.side);
        this.writeSubframe(right!, count, depth, orders.right);
      } else {
        this.writeSubframe(this.mid, count, depth, orders.mid);
        this.writeSubframe(this.side, count, depth + 1, orders.side);
      }
    }
    writer.alignToByte();
    writer.write(crc16(writer.bytesSoFar()), 16);
    const frame = writer.bytes();
    this.frameNumber++;
    this.minFrameBytes = this.minFrameBytes === 0 ? frame.length : Math.min(this.minFrameBytes, frame.length);
    this.maxFrameBytes = Math.max(this.maxFrameBytes, frame.length);
    return frame;
  }

  /** Rounds, clips and counts; feeds the MD5 with the interleaved little-endian integers. */
  private quantise(start: number, count: number): void {
    const { full, channels, pcm } = this;
    const bytesPerSample = this.bitsPerSample / 8;
    let at = 0;
    for (let frame = 0; frame < count; frame++) {
      for (let c = 0; c < channels; c++) {
        const value = this.signal.channels[c]![start + frame]!;
        let integer = Number.isNaN(value) ? 0 : Math.round(value * full);
        if (integer > full - 1) {
          if (integer > full) this.clippedSamples++;
          integer = full - 1;
        } else if (integer < -full) {
          integer = -full;
          this.clippedSamples++;
        }
        this.integers[c]![frame] = integer;
        for (let b = 0; b < bytesPerSample; b++) pcm[at++] = (integer >> (8 * b)) & 0xff;
      }
    }
    this.md5.update(pcm.subarray(0, at));
    if (channels === 2) {
      const [left, right] = this.integers;
      for (let i = 0; i < count; i++) {
        this.side[i] = left![i]! - right![i]!;
        this.mid[i] = (left![i]! + right![i]!) >> 1;
      }
    }
  }

  /**
   * The channel assignment (RFC 9639 §9.1.3) whose two channels predict most cheaply, and the
   * best fixed order of each candidate channel.
   */
  private chooseStereoCoding(count: number): {
    assignment: number;
    orders: Record<"left" | "right" | "side" | "mid", number>;
  } {
    const [left, right] = this.integers;
    const l = bestFixedOrder(left!, count);
    const r = bestFixedOrder(right!, count);
    const s = bestFixedOrder(this.side, count);
    const m = bestFixedOrder(this.mid, count);
    const options: readonly (readonly [number, number])[] = [
      [l.cost + r.cost, 0b0001],
      [l.cost + s.cost, 0b1000],
      [s.cost + r.cost, 0b1001],
      [m.cost + s.cost, 0b1010],
    ];
    let best = options[0]!;
    for (const option of options) if (option[0] < best[0]) best = option;
    return { assignment: best[1], orders: { left: l.order, right: r.order, side: s.order, mid: m.order } };
  }

  private writeSubframe(samples: Int32Array, count: number, depth: number, fixedOrder: number): void {
    const writer = this.writer;
    let constant = true;
    for (let i = 1; i < count && constant; i++) constant = samples[i] === samples[0];
    if (constant) {
      writer.write(0b00000000, 8); // zero bit, CONSTANT, no wasted bits
      writeSigned(writer, samples[0]!, depth);
      return;
    }
    const order = Math.min(fixedOrder, count - 1);
    const residual = this.residual;
    fixedResidual(samples, count, order, residual);
    const plan = planRice(residual, order, count, depth);
    if (plan.bits >= count * depth) {
      writer.write(0b00000010, 8); // VERBATIM
      for (let i = 0; i < count; i++) writeSigned(writer, samples[i]!, depth);
      return;
    }
    writer.write(0b00010000 | (order << 1), 8); // FIXED, order
    for (let i = 0; i < order; i++) writeSigned(writer, samples[i]!, depth);
    writer.write(plan.wideParameters ? 1 : 0, 2);
    writer.write(plan.partitionOrder, 4);
    const parameterBits = plan.wideParameters ? 5 : 4;
    const partitions = 1 << plan.partitionOrder;
    const perPartition = count >> plan.partitionOrder;
    for (let p = 0, at = order; p < partitions; p++) {
      const end = (p + 1) * perPartition;
      const k = plan.parameters[p]!;
      writer.write(k, parameterBits);
      writer.writeRice(residual, at, end, k);
      at = end;
    }
  }
}

/** The fixed predictor order 0–4 with the smallest Σ|residual| (its cost in that unit). */
function bestFixedOrder(samples: Int32Array, count: number): { order: number; cost: number } {
  if (count <= 4) return { order: 0, cost: 0 };
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  // Running differences of orders 1–3 at the previous sample.
  let x1 = samples[3]!;
  let d1 = x1 - samples[2]!;
  let d2 = d1 - (samples[2]! - samples[1]!);
  let d3 = d2 - (samples[2]! - samples[1]! - (samples[1]! - samples[0]!));
  for (let i = 4; i < count; i++) {
    const x = samples[i]!;
    const e1 = x - x1;
    const e2 = e1 - d1;
    const e3 = e2 - d2;
    const e4 = e3 - d3;
    s0 += x < 0 ? -x : x;
    s1 += e1 < 0 ? -e1 : e1;
    s2 += e2 < 0 ? -e2 : e2;
    s3 += e3 < 0 ? -e3 : e3;
    s4 += e4 < 0 ? -e4 : e4;
    x1 = x;
    d1 = e1;
    d2 = e2;
    d3 = e3;
  }
  let order = 0;
  let cost = s0;
  if (s1 < cost) [order, cost] = [1, s1];
  if (s2 < cost) [order, cost] = [2, s2];
  if (s3 < cost) [order, cost] = [3, s3];
  if (s4 < cost) [order, cost] = [4, s4];
  return { order, cost };
}

/** residual[i] for i ≥ order: the fixed predictor's error (RFC 9639 §9.2.5, table 25). */
function fixedResidual(samples: Int32Array, count: number, order: number, residual: Int32Array): void {
  for (let i = order; i < count; i++) {
    const x = samples;
    switch (order) {
      case 0:
        residual[i] = x[i]!;
        break;
      case 1:
        residual[i] = x[i]! - x[i - 1]!;
        break;
      case 2:
        residual[i] = x[i]! - 2 * x[i - 1]! + x[i - 2]!;
        break;
      case 3:
        residual[i] = x[i]! - 3 * x[i - 1]! + 3 * x[i - 2]! - x[i - 3]!;
        break;
      default:
        residual[i] = x[i]! - 4 * x[i - 1]! + 6 * x[i - 2]! - 4 * x[i - 3]! + x[i - 4]!;
    }
  }
}

interface RicePlan {
  readonly partitionOrder: number;
  readonly parameters: number[];
  readonly wideParameters: boolean;
  /** Estimated size of the coded residual in bits. */
  readonly bits: number;
}

const partitionSums = new Float64Array(1 << MAX_PARTITION_ORDER);

/**
 * The partition order (0 … 6, the block divisible by 2^order, every partition longer than the
 * warm-up) and per-partition Rice parameters of smallest estimated size. One pass sums the
 * folded residuals of the finest partitions; coarser orders add neighbours. For a partition of
 * n values summing to U, parameter k costs about n·(k + 1) + U/2^k bits, smallest near
 * k = log2(U/n) (the two integers around it are compared).
 */
function planRice(residual: Int32Array, order: number, count: number, depth: number): RicePlan {
  const maxParameter = depth > 16 ? 30 : 14;
  let finest = 0;
  while (finest < MAX_PARTITION_ORDER && count % (1 << (finest + 1)) === 0 && count >> (finest + 1) > order) finest++;
  const finestCount = 1 << finest;
  const finestLength = count >> finest;
  for (let p = 0; p < finestCount; p++) {
    let sum = 0;
    for (let i = p === 0 ? order : p * finestLength, end = (p + 1) * finestLength; i < end; i++) {
      const value = residual[i]!;
      sum += ((value << 1) ^ (value >> 31)) >>> 0;
    }
    partitionSums[p] = sum;
  }
  let best: RicePlan | null = null;
  for (let partitionOrder = finest; partitionOrder >= 0; partitionOrder--) {
    const partitions = 1 << partitionOrder;
    if (partitionOrder < finest) {
      for (let p = 0; p < partitions; p++) partitionSums[p] = partitionSums[2 * p]! + partitionSums[2 * p + 1]!;
    }
    const perPartition = count >> partitionOrder;
    const parameters: number[] = [];
    let bits = 6;
    let wide = false;
    for (let p = 0; p < partitions; p++) {
      const n = p === 0 ? perPartition - order : perPartition;
      const sum = partitionSums[p]!;
      let parameter = n === 0 || sum <= n ? 0 : Math.min(maxParameter, Math.floor(Math.log2(sum / n)));
      let cost = n * (parameter + 1) + sum / 2 ** parameter;
      const next = n * (parameter + 2) + sum / 2 ** (parameter + 1);
      if (parameter < maxParameter && next < cost) {
        parameter++;
        cost = next;
      }
      parameters.push(parameter);
      if (parameter > 14) wide = true;
      bits += cost;
    }
    bits += partitions * (wide ? 5 : 4);
    if (best === null || bits < best.bits) best = { partitionOrder, parameters, wideParameters: wide, bits };
  }
  return best!;
}

function writeSigned(writer: BitWriter, value: number, bits: number): void {
  writer.write(bits === 32 ? value >>> 0 : value & (2 ** bits - 1), bits);
}

/** The frame number coded like UTF-8 (RFC 9639 §9.1.5), up to 36 bits. */
function writeUtf8Number(writer: BitWriter, value: number): void {
  if (value < 0x80) {
    writer.write(value, 8);
    return;
  }
  // c continuation bytes carry 6 bits each; the lead byte c + 1 ones, a zero, 6 − c bits.
  let continuation = 1;
  while (value >= 2 ** (5 * continuation + 6)) continuation++;
  const lead = ((0xff << (7 - continuation)) & 0xff) | Math.floor(value / 2 ** (6 * continuation));
  writer.write(lead, 8);
  for (let i = continuation - 1; i >= 0; i--) writer.write(0x80 | (Math.floor(value / 2 ** (6 * i)) & 0x3f), 8);
}

/** Growable big-endian bit writer (FLAC is MSB first); fewer than 8 bits wait between calls. */
class BitWriter {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;
  private accumulator = 0;
  private accumulated = 0;

  reset(): void {
    this.length = 0;
    this.accumulator = 0;
    this.accumulated = 0;
  }

  /** Writes the low `bits` bits of `value` (0 ≤ bits ≤ 32; value ≥ 0 when bits = 32). */
  write(value: number, bits: number): void {
    if (bits > 24) {
      this.write(Math.floor(value / 2 ** 24) & ((1 << (bits - 24)) - 1), bits - 24);
      bits = 24;
    }
    // accumulated < 8 and bits ≤ 24: the accumulator stays within 31 bits.
    this.accumulator = ((this.accumulator << bits) | (value & ((1 << bits) - 1))) >>> 0;
    this.accumulated += bits;
    while (this.accumulated >= 8) {
      this.accumulated -= 8;
      this.pushByte((this.accumulator >>> this.accumulated) & 0xff);
    }
    this.accumulator &= (1 << this.accumulated) - 1;
  }

  /** `zeros` zero bits and a one. */
  writeUnary(zeros: number): void {
    while (zeros > 23) {
      this.write(0, 24);
      zeros -= 24;
    }
    this.write(1, zeros + 1);
  }

  /** values[from … to) folded to unsigned and Rice-coded with parameter k (unary quotient, k low bits). */
  writeRice(values: Int32Array, from: number, to: number, k: number): void {
    const lowMask = k >= 32 ? 0xffffffff : (1 << k) - 1;
    for (let i = from; i < to; i++) {
      const value = values[i]!;
      const folded = ((value << 1) ^ (value >> 31)) >>> 0;
      const quotient = folded >>> k;
      if (quotient + 1 + k <= 24) {
        this.write((1 << k) | (folded & lowMask), quotient + 1 + k);
      } else {
        this.writeUnary(quotient);
        if (k > 0) this.write(folded & lowMask, k);
      }
    }
  }

  alignToByte(): void {
    if (this.accumulated > 0) this.write(0, 8 - this.accumulated);
  }

  /** The whole bytes written so far (a view). */
  bytesSoFar(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  /** A copy of everything written (must be byte-aligned). */
  bytes(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }

  private pushByte(byte: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = byte;
  }
}

const CRC8_TABLE = crcTable(0x07, 8);
const CRC16_TABLE = crcTable(0x8005, 16);

function crcTable(polynomial: number, width: 8 | 16): Uint16Array {
  const table = new Uint16Array(256);
  const top = 1 << (width - 1);
  const mask = (1 << width) - 1;
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << (width - 8);
    for (let bit = 0; bit < 8; bit++) crc = crc & top ? ((crc << 1) ^ polynomial) & mask : (crc << 1) & mask;
    table[byte] = crc;
  }
  return table;
}

/** CRC-8, polynomial x^8 + x^2 + x + 1, initial 0 (the frame header's). */
export function crc8(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = CRC8_TABLE[crc ^ byte]!;
  return crc;
}

/** CRC-16, polynomial x^16 + x^15 + x^2 + 1, initial 0 (the frame's). */
export function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) crc = ((crc << 8) ^ CRC16_TABLE[(crc >> 8) ^ byte]!) & 0xffff;
  return crc;
}

function concatenate(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(pieces.reduce((sum, piece) => sum + piece.length, 0));
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}
