import { Readable } from 'node:stream';
import type { BudgetFile } from '../../../shared/schemas/budgets.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import { AppError } from '../../http/errors.ts';
import { FILE_TYPES, sniffType, type FileKind } from '../../http/files.ts';
import type { BudgetFileRow } from './budgets.repo.ts';

/** Receipts and dossier documents: PDF, JPG or PNG, by content, with the extension a nameless file gets. */
const BUDGET_FILE_EXTENSIONS: Partial<Record<FileKind, string>> = { pdf: 'pdf', jpeg: 'jpg', png: 'png' };

function sniffBudgetFile(content: Buffer): { type: string; ext: string } | null {
  const kind = sniffType(content);
  const ext = kind && BUDGET_FILE_EXTENSIONS[kind];
  return kind && ext ? { type: FILE_TYPES[kind], ext } : null;
}

/** A file name safe to store and show: no path, no control characters, ≤ 120 characters. */
export function cleanFileName(name: string | undefined, ext: string): string {
  const base = (name ?? '')
    .split(/[\\/]/)
    .pop()!
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f"]/g, '')
    .trim()
    .slice(-120);
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
  return {
    id: row.id,
    fileName: row.fileName,
    contentType: row.contentType,
    bytes: row.bytes,
    checklistCode: row.checklistCode,
    url: `/api/budget-files/${row.id}`,
  };
}
