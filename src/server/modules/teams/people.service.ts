import type { z } from 'zod';
import { validateCccd, maskCccd } from '../../../shared/cccd.ts';
import { normalizePhone } from '../../../shared/phone.ts';
import type { personInputSchema, personUpdateSchema } from '../../../shared/schemas/teams.ts';
import { foldVietnamese, normalizeText } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { blindIndex, type SecretBox } from '../../lib/secret-box.ts';
import { auditActorOf, recordAudit, recordPersonalDataRead } from '../audit/audit.service.ts';
import { personalDataScope } from './people.policy.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { toMembershipDto, toPersonDto } from './teams.mapper.ts';
import { findPerson, updatePerson } from './people.repo.ts';
import { listMemberships } from './teams.repo.ts';

type PersonInput = z.infer<typeof personInputSchema>;
type PersonFields = Partial<typeof people.$inferInsert>;

/** CCCD encryption: the box for the number, the key for its blind index. */
export interface CccdCipher {
  box: SecretBox;
  indexKey: Buffer;
}

/** Encrypted, indexed and masked forms of a CCCD, or throws a Vietnamese validation error. */
export function protectCccd(cipher: CccdCipher, raw: string | null | undefined, field = 'cccd') {
  if (raw === undefined) return {};
  if (raw === null || raw.trim() === '') return { cccdEncrypted: null, cccdIndex: null, cccdMasked: null };
  const checked = validateCccd(raw);
  if (!checked.ok) throw new AppError('VALIDATION', checked.message, [{ path: field, message: checked.message }]);
  return {
    cccdEncrypted: cipher.box.encrypt(checked.cccd),
    cccdIndex: blindIndex(cipher.indexKey, checked.cccd),
    cccdMasked: maskCccd(checked.cccd),
  };
}

/** Normalises a phone, or throws a Vietnamese validation error naming the field. */
export function checkedPhone(raw: string | null | undefined, field = 'phone'): string | null | undefined {
  if (raw === undefined) return undefined;
  if (raw === null || raw.trim() === '') return null;
  const result = normalizePhone(raw);
  if (!result.ok) throw new AppError('VALIDATION', result.message, [{ path: field, message: result.message }]);
  return result.phone;
}

/** Turns validated person input into stored fields: NFC names, 10-digit phones, protected CCCD. */
export function personFields(cipher: CccdCipher, input: Partial<PersonInput>): PersonFields {
  const fields: PersonFields = {
    phone: checkedPhone(input.phone),
    isZalo: input.isZalo,
    gender: input.gender,
    birthYear: input.birthYear,
    affiliation: input.affiliation,
    affiliationDetail: input.affiliationDetail === undefined ? undefined : input.affiliationDetail && normalizeText(input.affiliationDetail),
    ...protectCccd(cipher, input.cccd),
  };
  if (input.fullName !== undefined) {
    fields.fullName = normalizeText(input.fullName);
    fields.searchName = foldVietnamese(input.fullName);
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** People: read, edit, and audited CCCD reveal. */
export function createPeopleService({ db, clock, cipher, orgUnits }: { db: Db; clock: () => Date; cipher: CccdCipher; orgUnits: OrgUnitsService }) {
  async function getInScope(actor: Actor, id: string, action: 'unit.read' | 'team.manage' | 'cccd.reveal') {
    if (!hasAction(actor, action)) throw forbidden();
    // Reading needs more than the unit: the person's data must be the actor's to see.
    const person = await findPerson(db, id, scopeFor(actor, action), action === 'unit.read' ? personalDataScope(actor) : undefined);
    if (!person) throw notFound('người này');
    return person;
  }

  /** A person with their memberships, current and past, if the actor may see their data. */
  async function detail(actor: Actor, id: string) {
    const person = await getInScope(actor, id, 'unit.read');
    const rows = await listMemberships(db, { personId: id });
    return {
      row: person,
      dto: {
        ...toPersonDto(person),
        memberships: rows.map((r) => {
          const { person: _p, ...rest } = toMembershipDto(r);
          return rest;
        }),
      },
    };
  }

  return {
    /** The person page; the read is audited. */
    async get(actor: Actor, id: string) {
      const { row, dto } = await detail(actor, id);
      const commune = await orgUnits.findInScope(row.structure as Structure, row.communeCode, 'all');
      await recordPersonalDataRead(db, actor, { at: clock(), list: 'person', entityType: 'person', entityId: id, unitPath: row.unitPath, label: commune?.name ?? row.communeCode, people: 1 });
      return dto;
    },

    /** The person as {@link get} shows it, without auditing a read (for a mutation, audited itself). */
    async detail(actor: Actor, id: string) {
      return (await detail(actor, id)).dto;
    },

    /** Edits a person; the audit keeps before/after with the CCCD masked. */
    async update(actor: Actor, id: string, input: z.infer<typeof personUpdateSchema>) {
      const person = await getInScope(actor, id, 'team.manage');
      const updated = await db.transaction(async (tx) => {
        const row = await updatePerson(tx, id, personFields(cipher, input));
        await recordAudit(tx, auditActorOf(actor), {
          at: clock(),
          action: 'person.update',
          entityType: 'person',
          entityId: id,
          unitPath: person.unitPath,
          before: toPersonDto(person),
          after: toPersonDto(row),
        });
        return row;
      });
      return toPersonDto(updated);
    },

    /** The clear CCCD for roles that need it; every reveal is audited. */
    async revealCccd(actor: Actor, id: string) {
      const person = await getInScope(actor, id, 'cccd.reveal');
      const cccd = person.cccdEncrypted ? cipher.box.decrypt(person.cccdEncrypted) : null;
      await recordAudit(db, auditActorOf(actor), {
        at: clock(),
        action: 'person.reveal_cccd',
        entityType: 'person',
        entityId: id,
        unitPath: person.unitPath,
      });
      return { cccd };
    },
  };
}

/** The people service's public surface. */
export type PeopleService = ReturnType<typeof createPeopleService>;
