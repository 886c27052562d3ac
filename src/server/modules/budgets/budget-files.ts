import { Readable } from 'node:stream';
import type { BudgetFile } from '../../../shared/schemas/budgets.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import { AppError } from '../../http/errors.ts';
import type { BudgetFileRow } from './budgets.repo.ts';

const SIGNATURES: { type: string; ext: string; bytes: number[] }[] = [
  { type: 'application/pdf', ext: 'pdf', bytes: [0x25, 0x50, 0x44, 0x46] },
  { type: 'image/jpeg', ext: 'jpg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/png', ext: 'png', bytes: [0x89, 0x50, 0x4e, 0x47] },
];

/** The real type of a receipt or dossier document from its first bytes (PDF, JPG, PNG), or null. */
export function sniffBudgetFile(content: Buffer): { type: string; ext: string } | null {
  return SIGNATURES.find((s) => s.bytes.every((b, i) => content[i] === b)) ?? null;
}

/** A file name safe to store and show: no path, no control characters, ≤ 120 characters. */
export function cleanFileName(name: string | undefined, ext: string): string {
  // eslint-disable-next-line no-control-regex
  const base = (name ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f"]/g, '').trim().slice(-120);
  return base || `tep.${ext}`;
}

/** Checks the content and stores it; returns the blob key and what the row needs. */
export async function storeBudgetFile(blobs: BlobStore, content: Buffer, fileName: string | undefined) {
  const kind = sniffBudgetFile(content);
  if (!kind) throw new AppError('VALIDATION', 'Chỉ nhận tệp PDF, JPG hoặc PNG (kiểm tra theo nội dung tệp).');
  const stored = await blobs.put(Readable.from(content), 'budget-files');
  return { blobKey: stored.key, contentType: kind.type, bytes: stored.size, fileName: cleanFileName(fileName, kind.ext) };
}

/** A file row as the API shows it. */
export function toBudgetFileDto(row: BudgetFileRow): BudgetFile {
  return { id: row.id, fileName: row.fileName, contentType: row.contentType, bytes: row.bytes, checklistCode: row.checklistCode, url: `/api/budget-files/${row.id}` };
}
