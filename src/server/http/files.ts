/**
 * The one home of uploads and downloads. An upload route reads its one file through
 * {@link readUpload} (or {@link saveUpload} to disk): one size cap, answered 413.
 * Every route that sends a file answers through {@link sendFile}
 * (stored files) or {@link sendDocument} (generated documents: the Word or Excel file itself, or
 * its PDF (`?format=pdf`) from the server's one LibreOffice queue, lib/office-pdf.ts), after its
 * scope check, so a 404 is still a JSON error. Only this file writes `Content-Disposition`.
 */
import { createWriteStream } from 'node:fs';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import { create as createDisposition } from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, fileTooLarge } from './errors.ts';
import type { PdfConverter } from '../lib/office-pdf.ts';

/** MIME types of the files the server generates (Word, Excel, PDF). */
export const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

/** MIME types of the files the server accepts, by the kind {@link sniffType} finds. */
export const FILE_TYPES = { ...CONTENT_TYPES, jpeg: 'image/jpeg', png: 'image/png' } as const;

/** A kind of file told from its content. */
export type FileKind = keyof typeof FILE_TYPES;

const SIGNATURES: [FileKind, number[]][] = [
  ['pdf', [0x25, 0x50, 0x44, 0x46]],
  ['jpeg', [0xff, 0xd8, 0xff]],
  ['png', [0x89, 0x50, 0x4e, 0x47]],
];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/**
 * The one content sniffer: the real kind of a file from its content, never from its name. PDF,
 * JPEG, PNG by signature; DOCX and XLSX are ZIP packages told apart by their main part's name
 * (word/document.xml or xl/workbook.xml), which every package lists in its central directory,
 * so those two need the whole file. Null otherwise.
 */
export function sniffType(content: Buffer): FileKind | null {
  const signed = SIGNATURES.find(([, bytes]) => startsWith(content, bytes));
  if (signed) return signed[0];
  if (startsWith(content, ZIP)) {
    if (content.includes('word/document.xml')) return 'docx';
    if (content.includes('xl/workbook.xml')) return 'xlsx';
  }
  return null;
}

/** {@link sniffType} of a stored file's first chunk (PDF, JPEG, PNG); the stream is closed after it. */
export async function sniffStream(stream: Readable): Promise<FileKind | null> {
  for await (const chunk of stream) {
    stream.destroy();
    return sniffType(chunk as Buffer);
  }
  return null;
}

/** A generated document: a Word or Excel file in memory, or a workbook written to a stream. */
type GeneratedDocument = { kind: 'docx' | 'xlsx'; buffer: Buffer } | { kind: 'xlsx'; write: (out: NodeJS.WritableStream) => Promise<void> };

/** What to send: the document, its file name without extension, and the format asked for. */
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

/** An ASCII stand-in for a file name, for clients that ignore `filename*`: "Tổ CNSCĐ.docx" → "To CNSCD.docx". */
function asciiFileName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_');
}

/**
 * A Content-Disposition value (RFC 6266): the name as an ASCII `filename="..."` plus, when it has
 * other letters, `filename*=UTF-8''<percent-encoded>`; quotes are escaped and control characters
 * never reach the header. Without a name, just the disposition.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name?: string): string {
  return name ? createDisposition(name, { type: kind, fallback: asciiFileName(name) }) : kind;
}

/** A stored or generated file to send. */
export interface SentFile {
  /** MIME type. */
  type: string;
  body: Buffer | Readable | string;
  /** `inline` opens in the browser (PDF, photos); `attachment` saves. */
  disposition: 'inline' | 'attachment';
  /** The file name as the user should see it, Vietnamese letters included. */
  name?: string;
  /** e.g. `private, max-age=31536000, immutable` for files that never change. */
  cacheControl?: string;
}

/** Sends a file with its type and Content-Disposition. */
export function sendFile(reply: FastifyReply, file: SentFile): FastifyReply {
  reply.type(file.type).header('content-disposition', contentDisposition(file.disposition, file.name));
  if (file.cacheControl) reply.header('cache-control', file.cacheControl);
  return reply.send(file.body);
}

/** A workbook streamed as it is written; an error half-way is logged and ends the download. */
export function streamed(req: FastifyRequest, label: string, write: (out: NodeJS.WritableStream) => Promise<void>): PassThrough {
  const body = new PassThrough();
  write(body).catch((err: unknown) => {
    req.log.error({ err }, `${label} failed`);
    body.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return body;
}

function sendGenerated(reply: FastifyReply, type: keyof typeof CONTENT_TYPES, baseName: string, body: Buffer | Readable): FastifyReply {
  return sendFile(reply, { type: CONTENT_TYPES[type], body, disposition: 'attachment', name: `${baseName}.${type}` });
}

/**
 * Sends a generated document. A workbook asked for as Excel streams as it is written (an error
 * half-way ends the download); a PDF is converted from the complete file first.
 */
export async function sendDocument(req: FastifyRequest, reply: FastifyReply, pdf: PdfConverter, download: Download): Promise<FastifyReply> {
  const { document, baseName, format } = download;
  if (format === 'pdf') {
    const data = 'buffer' in document ? document.buffer : await collect(document.write);
    return sendGenerated(reply, 'pdf', baseName, await pdf.convert({ name: `${baseName}.${document.kind}`, data }));
  }
  if ('buffer' in document) return sendGenerated(reply, document.kind, baseName, document.buffer);
  return sendGenerated(reply, document.kind, baseName, streamed(req, baseName, document.write));
}

/** How to read the one file of a multipart request. */
export interface UploadOptions {
  /** Largest file accepted; a bigger one is a 413 "Tệp quá lớn". */
  maxBytes: number;
  /** The 400 message when the request has no file (or is not multipart/form-data). */
  missing: string;
}

/** An uploaded file: its content and the name the client gave it (untrusted). */
export interface Upload {
  content: Buffer;
  fileName: string;
}

async function openUpload(req: FastifyRequest, { maxBytes, missing }: UploadOptions): Promise<MultipartFile> {
  const file = req.isMultipart() ? await req.file({ limits: { fileSize: maxBytes, files: 1 } }) : undefined;
  if (!file) throw new AppError('VALIDATION', missing);
  return file;
}

/** Multipart cuts a file at its limit and either throws or only marks the stream: both are "too large". */
function tooLargeOr(maxBytes: number) {
  return (err: unknown): never => {
    throw (err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE' ? fileTooLarge(maxBytes) : err;
  };
}

/** Reads the one uploaded file into memory, refusing one over `maxBytes` with 413. */
export async function readUpload(req: FastifyRequest, options: UploadOptions): Promise<Upload> {
  const file = await openUpload(req, options);
  const content = await file.toBuffer().catch(tooLargeOr(options.maxBytes));
  if (file.file.truncated) throw fileTooLarge(options.maxBytes);
  return { content, fileName: file.filename };
}

/** Streams the one uploaded file to `destination` on disk (large workbooks), refusing one over `maxBytes` with 413. */
export async function saveUpload(req: FastifyRequest, options: UploadOptions, destination: string): Promise<{ fileName: string }> {
  const file = await openUpload(req, options);
  await pipeline(file.file, createWriteStream(destination)).catch(tooLargeOr(options.maxBytes));
  if (file.file.truncated) throw fileTooLarge(options.maxBytes);
  return { fileName: file.filename };
}
