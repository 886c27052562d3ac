/**
 * Downloads of generated documents: the Word or Excel file itself, or its PDF (`?format=pdf`)
 * from the server's one LibreOffice queue (lib/office-pdf.ts). Every export route answers
 * through here, after its scope check, so a 404 is still a JSON error.
 */
import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PdfConverter } from '../lib/office-pdf.ts';

/** MIME types of the files the server generates. */
export const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** A generated document: a Word or Excel file in memory, or a workbook written to a stream. */
type GeneratedDocument =
  | { kind: 'docx' | 'xlsx'; buffer: Buffer }
  | { kind: 'xlsx'; write: (out: NodeJS.WritableStream) => Promise<void> };

/** What to send: the document, its file name without extension (ASCII), and the format asked for. */
export interface Download {
  document: GeneratedDocument;
  /** e.g. "bao-cao-30316-2026-11" (Vietnamese letters are kept through RFC 6266). */
  baseName: string;
  format: 'docx' | 'xlsx' | 'pdf';
}

/** The whole workbook a writer produces, in memory. */
export async function collect(write: (out: NodeJS.WritableStream) => Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new PassThrough();
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await write(sink);
  return Buffer.concat(chunks);
}

/** A Content-Disposition value that keeps a Vietnamese file name (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'tep';
  return ascii === name ? `${kind}; filename="${name}"` : `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function attachment(reply: FastifyReply, type: keyof typeof CONTENT_TYPES, baseName: string): FastifyReply {
  return reply.type(CONTENT_TYPES[type]).header('content-disposition', contentDisposition('attachment', `${baseName}.${type}`));
}

/**
 * Sends a generated document. A workbook asked for as Excel streams as it is written (an error
 * half-way ends the download); a PDF is converted from the complete file first.
 */
export async function sendDocument(req: FastifyRequest, reply: FastifyReply, pdf: PdfConverter, download: Download): Promise<FastifyReply> {
  const { document, baseName, format } = download;
  if (format === 'pdf') {
    const data = 'buffer' in document ? document.buffer : await collect(document.write);
    return attachment(reply, 'pdf', baseName).send(await pdf.convert({ name: `${baseName}.${document.kind}`, data }));
  }
  if ('buffer' in document) return attachment(reply, document.kind, baseName).send(document.buffer);
  const body = new PassThrough();
  document.write(body).catch((err: unknown) => {
    req.log.error({ err }, `${baseName} failed`);
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return attachment(reply, document.kind, baseName).send(body);
}
