/**
 * Finds the header packets at the start of an Ogg Vorbis or Ogg Opus file and the pages that
 * hold them. The first page carries the identification header alone ("\x01vorbis…" or
 * "OpusHead…"); the comment header follows on a fresh page and may span pages, and for Vorbis
 * the setup header may share pages with it; the first audio packet starts on a fresh page
 * (Vorbis I §4.2, RFC 7845 §3). Any other first packet (FLAC, Speex, Theora…) or a second
 * logical stream multiplexed into the file is UNSUPPORTED_FORMAT; a stream that breaks these
 * rules is CORRUPT_AUDIO.
 * References: RFC 3533 §4 and §6; RFC 7845 §3; Vorbis I specification §4.2.
 */
import { basename } from "node:path";
import { TonearmError } from "../../analysis/errors.js";
import type { OggCodec } from "./ogg-comment-packet.js";
import { OGG_CONTINUED, OGG_FIRST_PAGE, type OggPage } from "./ogg-page.js";
import { damagedOgg, keepPage, type OggPageReader } from "./ogg-page-reader.js";

/** Header packets larger than this in total are refused (a picture bigger than any cover art). */
const MAX_HEADER_BYTES = 64 << 20;

export interface OggStreamHeaders {
  readonly codec: OggCodec;
  readonly serial: number;
  /** The page holding the identification header, kept as it is. */
  readonly idPage: OggPage;
  /** The header packets after the identification header: [comment, setup] (Vorbis) or [comment] (Opus). */
  readonly packets: readonly Buffer[];
  /** The pages holding those packets, in order. */
  readonly pages: readonly OggPage[];
}

const OTHER_CODECS: readonly (readonly [string, string])[] = [
  ["\x7fFLAC", "FLAC in Ogg"],
  ["Speex   ", "Speex"],
  ["\x80theora", "Theora video"],
  ["OggFLAC", "FLAC in Ogg"],
  ["PCM     ", "PCM in Ogg"],
  ["fishead\0", "an Ogg Skeleton track before the audio (multiplexed streams)"],
];

function detectCodec(packet: Buffer, path: string): OggCodec {
  if (packet.toString("latin1", 0, 7) === "\x01vorbis") return "vorbis";
  if (packet.toString("latin1", 0, 8) === "OpusHead") return "opus";
  const other = OTHER_CODECS.find(([magic]) => packet.toString("latin1", 0, magic.length) === magic);
  const what = other === undefined ? "an unknown codec" : other[1];
  return unsupported(path, `it holds ${what}; only Ogg Vorbis and Ogg Opus tags can be written`);
}

function unsupported(path: string, why: string): never {
  throw new TonearmError("UNSUPPORTED_FORMAT", `${basename(path)}: cannot tag this Ogg file (${why})`, { path });
}

/** Reads pages from `reader` (at the start of the file) until the header packets are complete. */
export async function readStreamHeaders(reader: OggPageReader, path: string): Promise<OggStreamHeaders> {
  const firstPage = await reader.next();
  if (firstPage === null) throw damagedOgg(path, "no pages");
  const idPage = keepPage(firstPage);
  if ((idPage.flags & OGG_FIRST_PAGE) === 0) throw damagedOgg(path, "the first page is not a stream's first page");
  const codec = detectCodec(idPage.body, path);
  const last = idPage.lacing[idPage.lacing.length - 1];
  const onePacket = idPage.lacing.subarray(0, -1).every((value) => value === 255);
  if (last === undefined || last === 255 || !onePacket) {
    throw damagedOgg(path, "the identification header is not alone on the first page");
  }
  const wanted = codec === "vorbis" ? 2 : 1;
  const packets: Buffer[] = [];
  const pages: OggPage[] = [];
  let partial: Buffer[] = [];
  let inPacket = false;
  let total = 0;
  while (packets.length < wanted) {
    const next = await reader.next();
    if (next === null) throw damagedOgg(path, "the file ends inside the header packets");
    const page = keepPage(next);
    if (page.serial !== idPage.serial) {
      if ((page.flags & OGG_FIRST_PAGE) !== 0) unsupported(path, "several logical streams are multiplexed in it");
      throw damagedOgg(path, `page at byte ${page.offset} belongs to no stream that has started`);
    }
    if (((page.flags & OGG_CONTINUED) !== 0) !== inPacket) {
      throw damagedOgg(path, `page at byte ${page.offset} breaks the packet continuation`);
    }
    pages.push(page);
    let start = 0;
    let at = 0;
    for (const value of page.lacing) {
      if (packets.length === wanted) throw damagedOgg(path, `audio data shares page ${page.sequence} with the headers`);
      at += value;
      if (value === 255) continue;
      partial.push(page.body.subarray(start, at));
      packets.push(Buffer.concat(partial));
      partial = [];
      start = at;
    }
    if (start < at) partial.push(page.body.subarray(start, at));
    if (page.lacing.length > 0) inPacket = start < at;
    total += page.body.length;
    if (total > MAX_HEADER_BYTES) unsupported(path, "its header packets are larger than 64 MiB");
  }
  return { codec, serial: idPage.serial, idPage, packets, pages };
}
