/**
 * Recognises files that are text rather than audio (plain text, HTML, XML, JSON,
 * playlists), so that a lyrics file or a saved web page renamed `.mp3` gets a
 * message that explains, instead of a decoder error.
 * Method: WHATWG MIME Sniffing's binary-data test (no control bytes other than
 * whitespace and ESC), byte-order marks for UTF-16, then a look at the first
 * non-blank characters to name the kind of text.
 */

/** The kinds of text this module names. */
export type TextKind = "text" | "HTML" | "XML" | "JSON" | "M3U playlist" | "PLS playlist" | "CUE sheet";

/** True for bytes that never occur in text (WHATWG "binary data byte"). */
function isBinaryByte(byte: number): boolean {
  return byte <= 0x08 || byte === 0x0b || (byte >= 0x0e && byte <= 0x1a) || (byte >= 0x1c && byte <= 0x1f);
}

/** Decodes at most `maxBytes` of `bytes` as UTF-8 or UTF-16, or returns null if they are not text. */
function decodeTextPrefix(bytes: Uint8Array, maxBytes: number): string | null {
  const head = bytes.subarray(0, Math.min(bytes.length, maxBytes));
  if (head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff))) {
    const encoding = head[0] === 0xff ? "utf-16le" : "utf-16be";
    const text = new TextDecoder(encoding).decode(head.subarray(2, 2 + ((head.length - 2) & ~1)));
    return looksLikeText(text) ? text : null;
  }
  for (let i = 0; i < head.length; i++) {
    if (isBinaryByte(head[i]!)) return null;
  }
  // Reject byte soup that is free of control bytes but is not valid UTF-8 either
  // (Latin-1 text is still accepted: it rarely produces more than a few errors).
  const text = new TextDecoder("utf-8").decode(head);
  return looksLikeText(text) ? text : null;
}

function looksLikeText(text: string): boolean {
  if (text.length === 0) return false;
  let suspicious = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd || (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x1b)) {
      suspicious++;
    }
  }
  return suspicious <= text.length * 0.05;
}

/** Names the kind of text from its first non-blank characters. */
function classifyText(text: string): TextKind {
  const start = text.replace(/^\uFEFF/, "").trimStart();
  const lower = start.slice(0, 512).toLowerCase();
  if (/^<!doctype html|^<html|^<head|^<body|^<!--[\s\S]*?-->\s*<html/.test(lower)) return "HTML";
  if (lower.startsWith("<?xml") || lower.startsWith("<svg") || lower.startsWith("<rss")) return "XML";
  if (/^[[{]\s*("|\{|\[|\]|\}|-?\d|true|false|null)/.test(start)) return "JSON";
  if (lower.startsWith("#extm3u")) return "M3U playlist";
  if (lower.startsWith("[playlist]")) return "PLS playlist";
  if (/^(rem |performer |title |file ")/.test(lower)) return "CUE sheet";
  if (/^<[a-z!?]/.test(lower)) return "HTML";
  return "text";
}

/**
 * Returns the kind of text `bytes` (the start of a file) hold, or null if they look
 * like binary data. Looks at no more than the first 4 KiB.
 */
export function sniffText(bytes: Uint8Array): TextKind | null {
  const text = decodeTextPrefix(bytes, 4096);
  return text === null ? null : classifyText(text);
}
