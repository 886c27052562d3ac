import type { Readable } from 'node:stream';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import type { DirectivesService } from './directives.service.ts';
import { visibilityOf } from './directives.policy.ts';
import { findDirective, updateDirective } from './directives.repo.ts';
import { sniffStream } from '../../http/files.ts';

/** The signed letter (PDF only) of a directive: the issuer uploads it, everyone who follows it reads it. */
export function createSignedFileService({
  db,
  clock,
  blobs,
  directives,
}: {
  db: Db;
  clock: () => Date;
  blobs: BlobStore;
  directives: DirectivesService;
}) {
  return {
    /** Stores the PDF (checked by content, ≤ 20 MB) and replaces the previous one. */
    async attach(actor: Actor, id: string, file: Readable, fileName: string) {
      const row = await directives.issuedInScope(actor, id);
      // The route read the file within its size cap (http/files.ts readUpload).
      const stored = await blobs.put(file, 'directive-letters');
      if ((await sniffStream((await blobs.open(stored.key))!)) !== 'pdf') {
        await blobs.remove(stored.key);
        throw new AppError('VALIDATION', 'Văn bản đã ký phải là tệp PDF.');
      }
      const at = clock();
      await db.transaction(async (tx) => {
        const after = await updateDirective(tx, id, { signedFileKey: stored.key, signedFileName: fileName, updatedAt: at });
        await recordAudit(tx, auditActorOf(actor), {
          at,
          action: 'directive.attach_signed_file',
          entityType: 'directive',
          entityId: id,
          unitPath: row.issuerUnitPath,
          before: { key: row.signedFileKey, name: row.signedFileName },
          after: { key: after.signedFileKey, name: after.signedFileName, bytes: stored.size },
        });
      });
      if (row.signedFileKey) await blobs.remove(row.signedFileKey);
    },

    /** Opens the signed PDF of a directive the actor follows. */
    async open(actor: Actor, id: string) {
      if (!hasAction(actor, 'directive.issue') && !hasAction(actor, 'directive.respond')) throw forbidden();
      const row = await findDirective(db, id, visibilityOf(actor));
      const stream = row?.signedFileKey ? await blobs.open(row.signedFileKey) : null;
      if (!row || !stream) throw notFound('bản văn bản đã ký');
      return { stream, name: row.signedFileName ?? 'van-ban.pdf' };
    },
  };
}

/** The signed-file service's surface. */
export type SignedFileService = ReturnType<typeof createSignedFileService>;
