/**
 * Sends a stored file as a download: its content type, length and a Content-Disposition
 * `attachment` with the name in plain ASCII (`filename`, anything else replaced by "_") and
 * exactly (`filename*`, UTF-8 percent-encoded).
 * Reference: RFC 6266, "Use of the Content-Disposition Header Field in HTTP"; RFC 8187
 *   (encoding of `filename*`).
 */
import { createReadStream } from "node:fs";
import type { FastifyReply } from "fastify";

export interface FileToSend {
  readonly path: string;
  readonly contentType: string;
  readonly fileName: string;
  readonly bytes: number;
}

export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

export function sendFile(reply: FastifyReply, file: FileToSend): FastifyReply {
  return reply
    .header("content-type", file.contentType)
    .header("content-length", file.bytes)
    .header("content-disposition", contentDisposition(file.fileName))
    .send(createReadStream(file.path));
}
