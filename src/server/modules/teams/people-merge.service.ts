import type { z } from 'zod';
import type { DuplicateGroup, duplicatesQuerySchema, personMatchQuerySchema } from '../../../shared/schemas/teams.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import type { Db, Tx } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit, recordPersonalDataRead } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { listMembershipSummaries, listNameDuplicates, listPhoneDuplicates } from './duplicates.repo.ts';
import { communeOfTeam } from './memberships.service.ts';
import { checkedPhone } from './people.service.ts';
import {
  deletePerson,
  findNamesakes,
  findPersonByPhone,
  lockPeople,
  movePersonMemberships,
  reassignPhoneHolder,
  updatePerson,
} from './people.repo.ts';
import { toPersonDto } from './teams.mapper.ts';
import { listMemberships, updateMembership } from './teams.memberships.repo.ts';
import { findTeam, type PersonRow } from './teams.repo.ts';
import { vnDate } from './teams.service.ts';
import { listed } from '../../../shared/schemas/lists.ts';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: Pick<OrgUnitsService, 'findInScope'>;
  accounts: {
    peopleWithAccounts(personIds: readonly string[]): Promise<Set<string>>;
    transferPersonAccount(
      tx: Tx,
      fromPersonId: string,
      toPersonId: string,
    ): Promise<{ moved: string | null; disabled: string | null; kept: string | null }>;
  };
  activities: { reattributeAuthor(tx: Tx, fromUserId: string, toUserId: string): Promise<number> };
}

/** Fields the kept person takes from the merged one where the kept one has none. */
const FILLED = ['phone', 'gender', 'birthYear', 'affiliation', 'affiliationDetail', 'cccdEncrypted', 'cccdIndex', 'cccdMasked'] as const;

function groupsOf(
  rows: readonly PersonRow[],
  reason: DuplicateGroup['reason'],
): { reason: DuplicateGroup['reason']; label: string; people: PersonRow[] }[] {
  const groups = new Map<string, PersonRow[]>();
  for (const p of rows) {
    const key = reason === 'phone' ? p.phone! : `${p.searchName}|${p.birthYear ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.values()]
    .filter((people) => people.length > 1)
    .map((people) => {
      const first = people[0]!;
      const label = reason === 'phone' ? first.phone! : `${first.fullName}, ${first.birthYear ?? 'không rõ năm sinh'}`;
      return { reason, label, people };
    });
}

/**
 * Possible duplicates among a commune's people ("Có thể trùng": the same phone, or the same
 * folded name and birth year), the person a new member typed in may already be, and merging two
 * people into one: memberships (past ones too), the field account and what it authored move to
 * the kept person, in one audited transaction (ADR 0014).
 */
export function createPeopleMergeService({ db, clock, orgUnits, accounts, activities }: Deps) {
  function manageScope(actor: Actor) {
    if (!hasAction(actor, 'team.manage')) throw forbidden();
    return scopeFor(actor, 'team.manage');
  }

  return {
    /** The groups of possible duplicates of a commune in the actor's scope. */
    async duplicates(actor: Actor, q: z.infer<typeof duplicatesQuerySchema>): Promise<{ items: DuplicateGroup[]; total: number }> {
      const commune = await orgUnits.findInScope(q.structure, q.unit, manageScope(actor));
      if (!commune) throw notFound(`đơn vị mã ${q.unit}`);
      if (commune.level !== 'commune')
        throw new AppError('VALIDATION', 'Danh sách "Có thể trùng" lập cho từng xã/phường: hãy chọn một xã/phường.');
      const groups = [
        ...groupsOf(await listPhoneDuplicates(db, commune.path), 'phone'),
        ...groupsOf(await listNameDuplicates(db, commune.path), 'name'),
      ];
      const ids = [...new Set(groups.flatMap((g) => g.people.map((p) => p.id)))];
      const [summaries, withAccounts] = [await listMembershipSummaries(db, ids), await accounts.peopleWithAccounts(ids)];
      const items = groups.map((g) => ({
        ...g,
        people: g.people.map((p) => ({
          ...toPersonDto(p),
          isFlagged: p.duplicateOf !== null,
          hasFieldAccount: withAccounts.has(p.id),
          memberships: summaries
            .filter((m) => m.personId === p.id)
            .map((m) => ({
              teamId: m.teamId,
              teamName: m.teamName,
              role: m.role as 'leader' | 'deputy' | 'member',
              isActive: m.toDate === null,
            })),
        })),
      }));
      await recordPersonalDataRead(db, actor, {
        at: clock(),
        list: 'duplicates',
        entityType: 'org_unit',
        entityId: commune.code,
        unitPath: commune.path,
        label: commune.name,
        people: ids.length,
      });
      return listed(items);
    },

    /** Who a member typed into a team's form may already be: the phone's holder, and namesakes born the same year (an audited read). */
    async matches(actor: Actor, teamId: string, q: z.infer<typeof personMatchQuerySchema>) {
      const team = await findTeam(db, teamId, manageScope(actor));
      if (!team) throw notFound('tổ công nghệ số này');
      const { unitPath } = communeOfTeam(team);
      const phone = q.phone ? checkedPhone(q.phone) : null;
      const holder = phone ? await findPersonByPhone(db, unitPath, phone) : null;
      const namesakes = (q.fullName ? await findNamesakes(db, unitPath, foldVietnamese(q.fullName), q.birthYear ?? null) : []).filter(
        (p) => p.id !== holder?.id,
      );
      const people = namesakes.length + (holder ? 1 : 0);
      await recordPersonalDataRead(db, actor, {
        at: clock(),
        list: 'person_matches',
        entityType: 'team',
        entityId: team.id,
        unitPath,
        label: team.name,
        people,
      });
      return { byPhone: holder && toPersonDto(holder), namesakes: namesakes.map(toPersonDto) };
    },

    /** Merges `fromId` into `keepId` (two people of one commune), deleting `fromId`; returns the kept person's id. */
    async merge(actor: Actor, keepId: string, fromId: string) {
      const scope = manageScope(actor);
      if (keepId === fromId) throw new AppError('VALIDATION', 'Hãy chọn hai người khác nhau để gộp.');
      return db.transaction(async (tx) => {
        const locked = await lockPeople(tx, [keepId, fromId], scope);
        const [keep, from] = [locked.find((p) => p.id === keepId), locked.find((p) => p.id === fromId)];
        if (!keep || !from) throw notFound('người cần gộp');
        if (keep.unitPath !== from.unitPath) throw new AppError('VALIDATION', 'Chỉ gộp được hai người của cùng một xã/phường.');
        const before = { kept: toPersonDto(keep), merged: toPersonDto(from), memberships: await listMemberships(tx, { personId: fromId }) };
        const ended = await endSharedMemberships(tx, keepId, fromId, vnDate(clock()));
        const moved = await movePersonMemberships(tx, fromId, keepId);
        const account = await accounts.transferPersonAccount(tx, fromId, keepId);
        const reattributed = account.disabled && account.kept ? await activities.reattributeAuthor(tx, account.disabled, account.kept) : 0;
        await deletePerson(tx, fromId);
        const filled: Partial<PersonRow> = Object.fromEntries(
          FILLED.filter((f) => keep[f] === null && from[f] !== null).map((f) => [f, from[f]]),
        );
        // A phone taken over is held, or not, as the merged person held it (see reassignPhoneHolder).
        if (filled.phone) filled.duplicateOf = from.duplicateOf;
        const kept = await updatePerson(tx, keepId, { ...filled, isZalo: keep.isZalo || from.isZalo });
        for (const phone of new Set([keep.phone, from.phone])) if (phone) await reassignPhoneHolder(tx, keep.unitPath, phone, keepId);
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'person.merge',
          entityType: 'person',
          entityId: keepId,
          unitPath: keep.unitPath,
          before,
          after: {
            kept: toPersonDto(kept),
            mergedId: fromId,
            membershipsMoved: moved,
            membershipsEnded: ended,
            account,
            activitiesReattributed: reattributed,
          },
        });
        return keepId;
      });
    },
  };
}

/**
 * Where both people are active members of one team, the merged person's membership ends today
 * (or on its first day, if later) and stays as history: one active membership per team remains.
 */
async function endSharedMemberships(tx: Tx, keepId: string, fromId: string, today: string): Promise<string[]> {
  const keptActive = new Set(
    (await listMemberships(tx, { personId: keepId })).filter((r) => r.membership.toDate === null).map((r) => r.membership.teamId),
  );
  const ended: string[] = [];
  for (const { membership: m } of await listMemberships(tx, { personId: fromId })) {
    if (m.toDate !== null || !keptActive.has(m.teamId)) continue;
    await updateMembership(tx, m.id, { toDate: m.fromDate > today ? m.fromDate : today });
    ended.push(m.id);
  }
  return ended;
}

/** The people merge service's surface. */
export type PeopleMergeService = ReturnType<typeof createPeopleMergeService>;
