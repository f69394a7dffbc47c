/**
 * Genre tags of FLAC files: the GENRE comments of the VORBIS_COMMENT metadata block
 * (xiph.org "FLAC format" / RFC 9639 §8.6; comment layout in vorbis-comment-block.ts).
 *
 * Writing replaces the GENRE comments and keeps the vendor string and every other comment in
 * order; a file without a VORBIS_COMMENT block gets one (vendor "tonearm") before its first
 * PADDING block, or after the last block. Every other block (STREAMINFO, SEEKTABLE, PICTURE,
 * APPLICATION, CUESHEET) is copied byte for byte; only the last-block bit of a header changes
 * when the last block changes. The last PADDING block absorbs the size change so the audio
 * frames stay where they were: it shrinks, grows, disappears (when the change is exactly its
 * size) or, when no padding can absorb it, the metadata grows with a 4 KiB PADDING block
 * (that, or a change of 1–3 bytes with no padding, moves the audio). A leading ID3v2 tag is
 * copied unchanged and not read. Several VORBIS_COMMENT blocks (the format allows one) are refused.
 * Audio payload: everything after the last metadata block.
 */
import { TonearmError } from "../../analysis/errors.js";
import { compactPieces, type FilePiece, hashRange, readExactly, withFile, writePieces } from "./byte-ranges.js";
import {
  FLAC_BLOCK_HEADER_BYTES,
  FLAC_MAX_BLOCK_LENGTH,
  FlacBlockType,
  type FlacLayout,
  type FlacMetadataBlock,
  readFlacLayout,
  startsWithFlacMarker,
} from "./flac-metadata-layout.js";
import type { GenreTagFormat } from "./genre-tag-format.js";
import { startsWithId3v2 } from "./id3v2-tag-layout.js";
import {
  genresOfComments,
  parseVorbisComments,
  serializeVorbisComments,
  type VorbisComments,
  withGenreComments,
} from "./vorbis-comment-block.js";

/** Padding given when the metadata must grow anyway, so later edits fit without moving the audio. */
export const FLAC_FRESH_PADDING_BYTES = 4096;

const NEW_VENDOR = "tonearm";

/** One block of the metadata to write: an existing block's data (copied) or new data. */
type PlannedBlock =
  | { readonly type: number; readonly copy: FlacMetadataBlock }
  | { readonly type: number; readonly data: Uint8Array }
  | { readonly type: typeof FlacBlockType.padding; readonly zeros: number };

export const flacGenreTagFormat: GenreTagFormat = {
  name: "flac",

  recognises(head, fileName) {
    return startsWithFlacMarker(head) || (startsWithId3v2(head) && /\.flac$/i.test(fileName));
  },

  readGenres(path) {
    return withFile(path, async (handle, size) => {
      const layout = await readFlacLayout(handle, size, path);
      const block = commentBlockOf(layout, path);
      if (block === undefined) return { genres: [] };
      const data = await readExactly(handle, block.start + 4, block.end - block.start - 4, "the comment block", path);
      return { genres: genresOfComments(parseVorbisComments(data, path)) };
    });
  },

  writeCopyWithGenres(source, target, genres) {
    return withFile(source, async (handle, size) => {
      const layout = await readFlacLayout(handle, size, source);
      const block = commentBlockOf(layout, source);
      let comments: VorbisComments;
      if (block !== undefined) {
        const data = await readExactly(
          handle,
          block.start + 4,
          block.end - block.start - 4,
          "the comment block",
          source,
        );
        comments = parseVorbisComments(data, source);
      } else if (genres.length === 0) {
        return writePieces(handle, target, [{ kind: "copy", start: 0, end: size }]);
      } else {
        comments = { vendor: new TextEncoder().encode(NEW_VENDOR), comments: [], trailing: new Uint8Array(0) };
      }
      const data = serializeVorbisComments(withGenreComments(comments, genres));
      if (data.length > FLAC_MAX_BLOCK_LENGTH) {
        throw new TonearmError("INVALID_OPTION", `${source}: the comments would exceed FLAC's 16 MiB block limit`, {
          path: source,
        });
      }
      const blocks = plannedBlocks(layout.blocks, block, data);
      const pieces: FilePiece[] = [{ kind: "copy", start: 0, end: layout.markerStart + 4 }];
      for (const [index, planned] of blocks.entries())
        pieces.push(...blockPieces(planned, index === blocks.length - 1));
      pieces.push({ kind: "copy", start: layout.audioStart, end: size });
      await writePieces(handle, target, compactPieces(pieces));
    });
  },

  audioPayloadHash(path) {
    return withFile(path, async (handle, size) => {
      const layout = await readFlacLayout(handle, size, path);
      return hashRange(handle, layout.audioStart, size, path);
    });
  },
};

function commentBlockOf(layout: FlacLayout, path: string): FlacMetadataBlock | undefined {
  const blocks = layout.blocks.filter((block) => block.type === FlacBlockType.vorbisComment);
  if (blocks.length > 1) {
    throw new TonearmError("CORRUPT_AUDIO", `${path}: has ${blocks.length} VORBIS_COMMENT blocks (FLAC allows one)`, {
      path,
    });
  }
  return blocks[0];
}

/** The blocks to write: the comment block replaced (or inserted), the padding adjusted. */
function plannedBlocks(
  blocks: readonly FlacMetadataBlock[],
  oldComments: FlacMetadataBlock | undefined,
  comments: Uint8Array,
): PlannedBlock[] {
  const planned: PlannedBlock[] = blocks.map((block) =>
    block === oldComments ? { type: block.type, data: comments } : { type: block.type, copy: block },
  );
  let growth = comments.length - (oldComments === undefined ? -FLAC_BLOCK_HEADER_BYTES : dataLength(oldComments));
  if (oldComments === undefined) {
    const firstPadding = planned.findIndex((block) => block.type === FlacBlockType.padding);
    planned.splice(firstPadding < 0 ? planned.length : firstPadding, 0, {
      type: FlacBlockType.vorbisComment,
      data: comments,
    });
  }
  const paddingIndex = planned.findLastIndex((block) => block.type === FlacBlockType.padding);
  const padding = paddingIndex < 0 ? undefined : planned[paddingIndex]!;
  const paddingLength = padding === undefined ? 0 : "copy" in padding ? dataLength(padding.copy) : 0;
  if (padding !== undefined) {
    const left = paddingLength - growth;
    if (left === -FLAC_BLOCK_HEADER_BYTES) planned.splice(paddingIndex, 1);
    else
      planned[paddingIndex] = {
        type: FlacBlockType.padding,
        zeros: left >= 0 && left <= FLAC_MAX_BLOCK_LENGTH ? left : FLAC_FRESH_PADDING_BYTES,
      };
    growth = 0;
  }
  if (padding === undefined && growth > 0)
    planned.push({ type: FlacBlockType.padding, zeros: FLAC_FRESH_PADDING_BYTES });
  else if (padding === undefined && growth <= -FLAC_BLOCK_HEADER_BYTES) {
    planned.push({ type: FlacBlockType.padding, zeros: -growth - FLAC_BLOCK_HEADER_BYTES });
  }
  return planned;
}

function blockPieces(block: PlannedBlock, last: boolean): FilePiece[] {
  const header = (length: number): FilePiece => ({
    kind: "bytes",
    bytes: Uint8Array.of((last ? 0x80 : 0) | block.type, length >>> 16, (length >>> 8) & 0xff, length & 0xff),
  });
  if ("copy" in block) {
    const { start, end } = block.copy;
    return [
      header(end - start - FLAC_BLOCK_HEADER_BYTES),
      { kind: "copy", start: start + FLAC_BLOCK_HEADER_BYTES, end },
    ];
  }
  if ("data" in block) return [header(block.data.length), { kind: "bytes", bytes: block.data }];
  return [header(block.zeros), { kind: "zeros", length: block.zeros }];
}

function dataLength(block: FlacMetadataBlock): number {
  return block.end - block.start - FLAC_BLOCK_HEADER_BYTES;
}
