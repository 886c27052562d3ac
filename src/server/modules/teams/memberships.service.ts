import type { z } from 'zod';
import type { memberAddSchema, membershipUpdateSchema } from '../../../shared/schemas/teams.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import { personFields, type CccdCipher } from './people.service.ts';
import { findPerson, insertPerson } from './people.repo.ts';
import { findActiveMembership, findMembership, findTeam, insertMembership, updateMembership } from './teams.repo.ts';
import { vnDate } from './teams.service.ts';

/** Commune path of a team: its own path for a commune team, the parent's for a village team. */
export function communePathOf(team: { unitPath: string; level: string }): string {
  if (team.level === 'commune') return team.unitPath;
  return team.unitPath.replace(/[^/]+\/$/, '');
}

/** Joining and leaving teams; history is kept by ending memberships, never deleting them. */
export function createMembershipsService({ db, clock, cipher }: { db: Db; clock: () => Date; cipher: CccdCipher }) {
  function manageScope(actor: Actor) {
    if (!hasAction(actor, 'team.manage')) throw forbidden();
    return scopeFor(actor, 'team.manage');
  }

  return {
    /** Adds an existing person (in scope) or a new one to a team. */
    async add(actor: Actor, teamId: string, input: z.infer<typeof memberAddSchema>) {
      const scope = manageScope(actor);
      const team = await findTeam(db, teamId, scope);
      if (!team) throw notFound('tổ công nghệ số này');
      if (team.status !== 'active') throw new AppError('CONFLICT', 'Tổ đã giải thể, không thể thêm thành viên.');
      if (!input.personId && !input.person) {
        throw new AppError('VALIDATION', 'Chọn một người đã có hoặc nhập thông tin người mới.');
      }
      return db.transaction(async (tx) => {
        let personId = input.personId;
        if (personId) {
          if (!(await findPerson(tx, personId, scope))) throw notFound('người này');
          if (await findActiveMembership(tx, teamId, personId)) {
            throw new AppError('CONFLICT', 'Người này đã là thành viên của tổ.');
          }
        } else {
          const fields = personFields(cipher, input.person!);
          const communePath = communePathOf(team);
          const person = await insertPerson(tx, {
            ...fields,
            fullName: fields.fullName!,
            searchName: fields.searchName!,
            structure: team.structure,
            communeCode: team.communeCode,
            provinceCode: team.provinceCode,
            unitPath: communePath,
          });
          personId = person.id;
        }
        const membership = await insertMembership(tx, {
          teamId,
          personId,
          role: input.role,
          title: input.title ?? null,
          fromDate: input.fromDate ?? vnDate(clock()),
        });
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'team.member_add',
          entityType: 'membership',
          entityId: membership.id,
          unitPath: team.unitPath,
          after: { teamId, personId, role: membership.role, title: membership.title, fromDate: membership.fromDate },
        });
        return membership;
      });
    },

    /** Changes a member's role or title, or ends the membership (kept as history). */
    async update(actor: Actor, id: string, input: z.infer<typeof membershipUpdateSchema>) {
      const found = await findMembership(db, id, manageScope(actor));
      if (!found) throw notFound('thành viên này');
      const { membership, team } = found;
      if (membership.toDate) throw new AppError('CONFLICT', 'Thành viên đã rời tổ; lịch sử không sửa được.');
      if (input.toDate && input.toDate < membership.fromDate) {
        throw new AppError('VALIDATION', 'Ngày rời tổ không được trước ngày vào tổ.', [{ path: 'toDate', message: 'Ngày rời tổ không được trước ngày vào tổ.' }]);
      }
      return db.transaction(async (tx) => {
        const row = await updateMembership(tx, id, input);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: input.toDate ? 'team.member_leave' : 'team.member_update',
          entityType: 'membership',
          entityId: id,
          unitPath: team.unitPath,
          before: membership,
          after: row,
        });
        return row;
      });
    },
  };
}

/** The memberships service's public surface. */
export type MembershipsService = ReturnType<typeof createMembershipsService>;

