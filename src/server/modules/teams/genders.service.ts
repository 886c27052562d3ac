import type { z } from 'zod';
import { proposeGender } from '../../../shared/gender.ts';
import type { genderConfirmSchema, PersonWithoutGender, withoutGenderQuerySchema } from '../../../shared/schemas/genders.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, notFound, personalDataForbidden } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit, recordPersonalDataRead } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { findPeopleInScope, listPeopleWithoutGender } from './genders.repo.ts';
import { updatePerson } from './people.repo.ts';
import { personalDataScope, seesEveryoneUnder } from './people.policy.ts';

/**
 * Genders for the commune's acts: who among its active members has none recorded (with a
 * proposal from the middle name), and the commune's bulk confirmation. A generated decision
 * never writes "Ông/Bà": it names a member without a gender without an honorific.
 */
export function createGendersService({ db, clock, orgUnits }: { db: Db; clock: () => Date; orgUnits: OrgUnitsService }) {
  return {
    /**
     * Active members under a unit in the actor's scope whose gender is not recorded: names, so only
     * for those who see everyone's personal data there (ADR 0011), and the read is audited.
     */
    async withoutGender(
      actor: Actor,
      q: z.infer<typeof withoutGenderQuerySchema>,
    ): Promise<{ items: PersonWithoutGender[]; total: number }> {
      const unit = await orgUnits.findInScope(q.structure, q.unit, scopeFor(actor, 'unit.read'));
      if (!unit) throw notFound(`đơn vị mã ${q.unit}`);
      if (!seesEveryoneUnder(personalDataScope(actor), unit.path)) throw personalDataForbidden();
      const { items, total } = await listPeopleWithoutGender(db, {
        underPath: unit.path,
        scope: scopeFor(actor, 'person.read'),
        limit: q.limit,
        offset: q.offset,
      });
      await recordPersonalDataRead(db, actor, {
        at: clock(),
        list: 'without_gender',
        entityType: 'org_unit',
        entityId: unit.code,
        unitPath: unit.path,
        label: unit.name,
        people: items.length,
      });
      return { items: items.map((p) => ({ ...p, proposal: proposeGender(p.fullName) })), total };
    },

    /** Records the genders the commune confirmed, all or none, one audit event per person. */
    async confirm(actor: Actor, input: z.infer<typeof genderConfirmSchema>): Promise<{ updated: number }> {
      if (!hasAction(actor, 'team.manage')) throw forbidden();
      const wanted = new Map(input.items.map((i) => [i.personId, i.gender]));
      if (wanted.size !== input.items.length) throw new AppError('VALIDATION', 'Mỗi người chỉ được xác nhận một lần trong một lần gửi.');
      const found = await findPeopleInScope(db, [...wanted.keys()], scopeFor(actor, 'team.manage'));
      if (found.length !== wanted.size) throw notFound(`${wanted.size - found.length} người trong phạm vi quản lý của bạn`);
      const at = clock();
      await db.transaction(async (tx) => {
        for (const person of found) {
          const gender = wanted.get(person.id)!;
          if (person.gender === gender) continue;
          await updatePerson(tx, person.id, { gender });
          await recordAudit(tx, auditActorOf(actor), {
            at,
            action: 'person.gender_confirm',
            entityType: 'person',
            entityId: person.id,
            unitPath: person.unitPath,
            before: { gender: person.gender },
            after: { gender },
          });
        }
      });
      return { updated: found.filter((p) => p.gender !== wanted.get(p.id)).length };
    },
  };
}

/** The genders service's public surface. */
export type GendersService = ReturnType<typeof createGendersService>;
