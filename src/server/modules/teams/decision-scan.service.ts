import type { Readable } from 'node:stream';
import { FILE_TYPES, sniffStream, type FileKind } from '../../http/files.ts';
import type { BlobStore } from '../../blob/blob-store.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound, personalDataForbidden } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import { personalDataScope, seesTeamMembers } from './people.policy.ts';
import { findTeam, listActiveTeamsOfPerson, updateTeam } from './teams.repo.ts';

/** Largest scan accepted. */
export const DECISION_SCAN_MAX_BYTES = 10 * 1024 * 1024;

const SCAN_KINDS: readonly FileKind[] = ['pdf', 'jpeg', 'png'];

/** The signed establishment decision's scan (PDF, JPG or PNG) attached to a team. */
export function createDecisionScanService({ db, clock, blobs }: { db: Db; clock: () => Date; blobs: BlobStore }) {
  return {
    /** Stores a scan, checking its real type from its first bytes, and replaces the previous one. */
    async attach(actor: Actor, teamId: string, file: Readable) {
      if (!hasAction(actor, 'team.manage')) throw forbidden();
      const team = await findTeam(db, teamId, scopeFor(actor, 'team.manage'));
      if (!team) throw notFound('tổ công nghệ số này');
      // The route read the file within DECISION_SCAN_MAX_BYTES (http/files.ts readUpload).
      const stored = await blobs.put(file, 'decision-scans');
      const kind = await sniffStream((await blobs.open(stored.key))!);
      const type = kind && SCAN_KINDS.includes(kind) ? FILE_TYPES[kind] : null;
      if (!type) {
        await blobs.remove(stored.key);
        throw new AppError('VALIDATION', 'Chỉ nhận bản quét dạng PDF, JPG hoặc PNG.');
      }
      await db.transaction(async (tx) => {
        await updateTeam(tx, teamId, { decisionScanKey: stored.key, decisionScanType: type });
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'team.attach_decision_scan',
          entityType: 'team',
          entityId: teamId,
          unitPath: team.unitPath,
          before: { key: team.decisionScanKey },
          after: { key: stored.key, type },
        });
      });
      if (team.decisionScanKey) await blobs.remove(team.decisionScanKey);
    },

    /** Opens the scan of a team the actor can see, when they see its members (the decision names them). */
    async open(actor: Actor, teamId: string) {
      const team = await findTeam(db, teamId, scopeFor(actor, 'unit.read'));
      if (!team) throw notFound('tổ công nghệ số này');
      const ownTeams = actor.personId ? await listActiveTeamsOfPerson(db, actor.personId) : [];
      if (!seesTeamMembers(personalDataScope(actor), team, new Set(ownTeams.map((t) => t.id)))) throw personalDataForbidden();
      const stream = team.decisionScanKey ? await blobs.open(team.decisionScanKey) : null;
      if (!stream) throw notFound('bản quét quyết định của tổ này');
      return { stream, type: team.decisionScanType ?? 'application/octet-stream' };
    },
  };
}

/** The decision scan service's surface. */
export type DecisionScanService = ReturnType<typeof createDecisionScanService>;
