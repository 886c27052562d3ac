import type { Readable } from 'node:stream';

const PDF = [0x25, 0x50, 0x44, 0x46];
const JPEG = [0xff, 0xd8, 0xff];
const PNG = [0x89, 0x50, 0x4e, 0x47];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

/** MIME types accepted as task attachments. */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpeg: 'image/jpeg',
  png: 'image/png',
} as const;

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b);

/**
 * The real type of a file from its content, never from its name: PDF, JPEG, PNG by signature;
 * DOCX and XLSX are ZIP packages told apart by their main part's name (word/document.xml or
 * xl/workbook.xml), which every package lists in its central directory. Null otherwise.
 */
export function sniffAttachment(buf: Buffer): string | null {
  if (startsWith(buf, PDF)) return ATTACHMENT_TYPES.pdf;
  if (startsWith(buf, JPEG)) return ATTACHMENT_TYPES.jpeg;
  if (startsWith(buf, PNG)) return ATTACHMENT_TYPES.png;
  if (startsWith(buf, ZIP)) {
    if (buf.includes('word/document.xml')) return ATTACHMENT_TYPES.docx;
    if (buf.includes('xl/workbook.xml')) return ATTACHMENT_TYPES.xlsx;
  }
  return null;
}

/** True when a stored stream starts like a PDF. */
export async function isPdfStream(stream: Readable): Promise<boolean> {
  for await (const chunk of stream) {
    stream.destroy();
    return startsWith(chunk as Buffer, PDF);
  }
  return false;
}

/** A safe display name: the base name, without control characters, at most 200 characters. */
export function cleanFileName(name: string | undefined, fallback: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f"]/g, '').normalize('NFC').trim();
  return (base || fallback).slice(0, 200);
}
