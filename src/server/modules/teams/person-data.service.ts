import type { PersonExport } from '../../../shared/schemas/teams.ts';
import { foldVietnamese } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import type { ActivityAuthorsService } from '../activities/authors.service.ts';
import { auditActorOf, recordAudit, recordPersonalDataRead, scrubIdentity } from '../audit/audit.service.ts';
import type { UsersService } from '../accounts/users.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { findPerson, updatePerson } from './people.repo.ts';
import { listMemberships } from './teams.memberships.repo.ts';
import { toMembershipDto, toPersonDto } from './teams.mapper.ts';

/** What an erased person is called wherever their name was. */
export const ANONYMOUS_NAME = 'Đã ẩn danh';

interface Deps {
  db: Db;
  clock: () => Date;
  orgUnits: OrgUnitsService;
  users: Pick<UsersService, 'accountOfPerson' | 'forgetPerson'>;
  activityAuthors: ActivityAuthorsService;
}

/**
 * A person's requests about their own data (Decree 13/2023, Personal Data Protection Law 2026):
 * a copy of everything stored about them, and erasure that keeps counts and history without
 * identity. Handled by whoever manages the person's teams (the commune), and audited.
 */
export function createPersonDataService({ db, clock, orgUnits, users, activityAuthors }: Deps) {
  async function manageable(actor: Actor, id: string) {
    if (!hasAction(actor, 'team.manage')) throw forbidden();
    const person = await findPerson(db, id, scopeFor(actor, 'team.manage'));
    if (!person) throw notFound('người này');
    return person;
  }

  return {
    /** Everything stored about a person: the record, their memberships, their field account and what they logged. */
    async export(actor: Actor, id: string): Promise<PersonExport> {
      const person = await manageable(actor, id);
      const [memberships, account] = await Promise.all([listMemberships(db, { personId: id }), users.accountOfPerson(id)]);
      const logged = account ? await activityAuthors.authoredBy(account.id) : [];
      const commune = await orgUnits.findInScope(person.structure as Structure, person.communeCode, 'all');
      const now = clock();
      await recordPersonalDataRead(db, actor, {
        at: now,
        list: 'person_export',
        entityType: 'person',
        entityId: id,
        unitPath: person.unitPath,
        label: commune?.name ?? person.communeCode,
        people: 1,
      });
      return {
        exportedAt: now.toISOString(),
        person: toPersonDto(person),
        memberships: memberships.map((r) => {
          const { person: _p, ...rest } = toMembershipDto(r);
          return rest;
        }),
        account: account?.shown ?? null,
        activities: logged.map((a) => ({ ...a, createdAt: a.createdAt.toISOString() })),
      };
    },

    /**
     * Erases a person's identity on their request, in one transaction: name, phone, CCCD and the
     * other personal fields go; their field account's username (their phone) and name give way to
     * a pseudonym and the account is closed; the activities they logged and the audit trail lose
     * their name. Memberships and activities stay, so counts and history remain true. Audited.
     */
    async erase(actor: Actor, id: string, reason: string) {
      const person = await manageable(actor, id);
      if (person.anonymisedAt) throw new AppError('CONFLICT', 'Dữ liệu cá nhân của người này đã được xóa trước đây.');
      const now = clock();
      const pseudonym = `an-danh-${id}`;
      const erased = await db.transaction(async (tx) => {
        const row = await updatePerson(tx, id, {
          fullName: ANONYMOUS_NAME,
          searchName: foldVietnamese(ANONYMOUS_NAME),
          phone: null,
          isZalo: false,
          gender: null,
          birthYear: null,
          affiliationDetail: null,
          cccdEncrypted: null,
          cccdIndex: null,
          cccdMasked: null,
          anonymisedAt: now,
        });
        const account = await users.forgetPerson(tx, id, pseudonym, ANONYMOUS_NAME);
        const activities = account ? await activityAuthors.forgetAuthor(tx, account.userId, ANONYMOUS_NAME) : 0;
        await scrubIdentity(tx, { personId: id, username: account?.username ?? null, pseudonym });
        const memberships = (await listMemberships(tx, { personId: id })).length;
        await recordAudit(tx, auditActorOf(actor), {
          at: now,
          action: 'person.erase',
          entityType: 'person',
          entityId: id,
          unitPath: person.unitPath,
          after: { reason, memberships, hadAccount: account !== null, activities },
        });
        return row;
      });
      return toPersonDto(erased);
    },
  };
}

/** The person data service's surface. */
export type PersonDataService = ReturnType<typeof createPersonDataService>;
