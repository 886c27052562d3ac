import type { z } from 'zod';
import type { memberAddSchema, membershipUpdateSchema } from '../../../shared/schemas/teams.ts';
import type { Db, Tx } from '../../db/client.ts';
import type { UnitScope } from '../../db/scope.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit } from '../audit/audit.service.ts';
import { findOrCreateCommunePerson, newPersonFields, type CccdCipher, type PersonCommune } from './people.service.ts';
import { findPerson } from './people.repo.ts';
import { findMembership, insertMembershipUnlessActive, updateMembership } from './teams.memberships.repo.ts';
import { findTeam } from './teams.repo.ts';
import { vnDate } from './teams.service.ts';

/** Commune path of a team: its own path for a commune team, the parent's for a village team. */
export function communePathOf(team: { unitPath: string; level: string }): string {
  if (team.level === 'commune') return team.unitPath;
  return team.unitPath.replace(/[^/]+\/$/, '');
}

/** The commune a team's new people are registered in. */
export function communeOfTeam(team: {
  structure: string;
  communeCode: string;
  provinceCode: string;
  unitPath: string;
  level: string;
}): PersonCommune {
  return { structure: team.structure, communeCode: team.communeCode, provinceCode: team.provinceCode, unitPath: communePathOf(team) };
}

/** Joining and leaving teams; history is kept by ending memberships, never deleting them. */
export function createMembershipsService({ db, clock, cipher }: { db: Db; clock: () => Date; cipher: CccdCipher }) {
  function manageScope(actor: Actor) {
    if (!hasAction(actor, 'team.manage')) throw forbidden();
    return scopeFor(actor, 'team.manage');
  }

  async function existingPerson(tx: Tx, id: string, scope: UnitScope) {
    const person = await findPerson(tx, id, scope);
    if (!person) throw notFound('người này');
    return person;
  }

  return {
    /**
     * Adds an existing person (in scope) or a person given by name and phone to a team. A phone
     * already held in the team's commune attaches its person ({@link findOrCreateCommunePerson}).
     * The unique index on active memberships refuses a second one, so a repeated or concurrent
     * add answers 409 instead of adding the person twice.
     */
    async add(actor: Actor, teamId: string, input: z.infer<typeof memberAddSchema>) {
      const scope = manageScope(actor);
      const team = await findTeam(db, teamId, scope);
      if (!team) throw notFound('tổ công nghệ số này');
      if (team.status !== 'active') throw new AppError('CONFLICT', 'Tổ đã giải thể, không thể thêm thành viên.');
      if (!input.personId && !input.person) {
        throw new AppError('VALIDATION', 'Chọn một người đã có hoặc nhập thông tin người mới.');
      }
      return db.transaction(async (tx) => {
        const { person, isCreated } = input.personId
          ? { person: await existingPerson(tx, input.personId, scope), isCreated: false }
          : await findOrCreateCommunePerson(tx, communeOfTeam(team), newPersonFields(cipher, input.person!));
        const membership = await insertMembershipUnlessActive(tx, {
          teamId,
          personId: person.id,
          role: input.role,
          title: input.title ?? null,
          fromDate: input.fromDate ?? vnDate(clock()),
        });
        if (!membership) {
          const who = input.personId ? 'Người này' : `${person.fullName} (số ${person.phone})`;
          throw new AppError('CONFLICT', `${who} đã là thành viên của tổ.`, { personId: person.id });
        }
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'team.member_add',
          entityType: 'membership',
          entityId: membership.id,
          unitPath: team.unitPath,
          after: {
            teamId,
            personId: person.id,
            isPersonCreated: isCreated,
            role: membership.role,
            title: membership.title,
            fromDate: membership.fromDate,
          },
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
        throw new AppError('VALIDATION', 'Ngày rời tổ không được trước ngày vào tổ.', [
          { path: 'toDate', message: 'Ngày rời tổ không được trước ngày vào tổ.' },
        ]);
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
