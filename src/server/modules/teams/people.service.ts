import type { z } from 'zod';
import { validateCccd, maskCccd } from '../../../shared/cccd.ts';
import { normalizePhone } from '../../../shared/phone.ts';
import type { personInputSchema, personUpdateSchema } from '../../../shared/schemas/teams.ts';
import { foldVietnamese, normalizeText } from '../../../shared/text.ts';
import type { Db, Tx } from '../../db/client.ts';
import { people } from '../../db/schema/index.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { blindIndex, type SecretBox } from '../../lib/secret-box.ts';
import { auditActorOf, recordAudit, recordPersonalDataRead } from '../audit/audit.service.ts';
import { personalDataScope } from './people.policy.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { toMembershipDto, toPersonDto } from './teams.mapper.ts';
import { findPerson, findPersonByPhone, hasFieldAccount, insertPerson, insertPersonUnlessPhoneTaken, updatePerson } from './people.repo.ts';
import { listMemberships } from './teams.memberships.repo.ts';
import type { PersonRow } from './teams.repo.ts';

type PersonInput = z.infer<typeof personInputSchema>;

/** The unique index that holds one person per phone in a commune. */
const PHONE_INDEX = 'people_path_phone_uq';
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
    affiliationDetail:
      input.affiliationDetail === undefined ? undefined : input.affiliationDetail && normalizeText(input.affiliationDetail),
    ...protectCccd(cipher, input.cccd),
  };
  if (input.fullName !== undefined) {
    fields.fullName = normalizeText(input.fullName);
    fields.searchName = foldVietnamese(input.fullName);
  }
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** The commune a person is registered in: people are identified within it (ADR 0014). */
export interface PersonCommune {
  structure: string;
  communeCode: string;
  provinceCode: string;
  /** The commune's path. */
  unitPath: string;
}

/** A new person's own fields, as {@link personFields} gives them, with the name required. */
export type NewPersonFields = PersonFields & { fullName: string; searchName: string };

/**
 * THE rule "one person per phone in a commune" (ADR 0014), for every path that adds a person: the
 * person of `commune` who holds `fields.phone` (canonical 10 digits), else a new person with
 * `fields`. The unique index on (commune path, phone) decides, through `ON CONFLICT`, so
 * concurrent calls with one phone give one person. Without a phone a new person is created: a
 * namesake is only ever a possible duplicate, shown to the user, never merged silently. The
 * Mẫu 2 import applies the same key in bulk (`teams.import.ts`).
 */
export async function findOrCreateCommunePerson(
  tx: Db | Tx,
  commune: PersonCommune,
  fields: NewPersonFields,
): Promise<{ person: PersonRow; isCreated: boolean }> {
  const row = {
    ...fields,
    structure: commune.structure,
    communeCode: commune.communeCode,
    provinceCode: commune.provinceCode,
    unitPath: commune.unitPath,
    duplicateOf: null,
  };
  if (!fields.phone) return { person: await insertPerson(tx, row), isCreated: true };
  // The holder may be merged away between the two statements: then the phone is free again.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const created = await insertPersonUnlessPhoneTaken(tx, row);
    if (created) return { person: created, isCreated: true };
    const holder = await findPersonByPhone(tx, commune.unitPath, fields.phone);
    if (holder) return { person: holder, isCreated: false };
  }
  throw new AppError('CONFLICT', 'Số điện thoại này vừa thay đổi chủ trong lúc lưu. Vui lòng thử lại.');
}

/** A new person's fields from validated input (the name is required there). */
export function newPersonFields(cipher: CccdCipher, input: PersonInput): NewPersonFields {
  const fields = personFields(cipher, input);
  return { ...fields, fullName: fields.fullName!, searchName: fields.searchName! };
}

/** People: read, edit, and audited CCCD reveal. */
export function createPeopleService({
  db,
  clock,
  cipher,
  orgUnits,
}: {
  db: Db;
  clock: () => Date;
  cipher: CccdCipher;
  orgUnits: OrgUnitsService;
}) {
  async function getInScope(actor: Actor, id: string, action: 'unit.read' | 'team.manage' | 'cccd.reveal') {
    if (!hasAction(actor, action)) throw forbidden();
    // Reading needs more than the unit: the person's data must be the actor's to see.
    const person = await findPerson(db, id, scopeFor(actor, action), action === 'unit.read' ? personalDataScope(actor) : undefined);
    if (!person) throw notFound('người này');
    return person;
  }

  /** The 409 for a phone another person of the commune holds, naming them. */
  async function phoneTaken(phone: string, communePath: string) {
    const holder = await findPersonByPhone(db, communePath, phone);
    const who = holder ? ` của ${holder.fullName}` : ' của một người khác';
    return new AppError('CONFLICT', `Số điện thoại ${phone} đã là${who} trong xã/phường này. Nếu là cùng một người, hãy gộp hai hồ sơ.`, {
      path: 'phone',
      personId: holder?.id ?? null,
    });
  }

  /** A person with their memberships, current and past, if the actor may see their data. */
  async function detail(actor: Actor, id: string) {
    const person = await getInScope(actor, id, 'unit.read');
    const rows = await listMemberships(db, { personId: id });
    return {
      row: person,
      dto: {
        ...toPersonDto(person),
        hasAccount: await hasFieldAccount(db, id),
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
      await recordPersonalDataRead(db, actor, {
        at: clock(),
        list: 'person',
        entityType: 'person',
        entityId: id,
        unitPath: row.unitPath,
        label: commune?.name ?? row.communeCode,
        people: 1,
      });
      return dto;
    },

    /** The person as {@link get} shows it, without auditing a read (for a mutation, audited itself). */
    async detail(actor: Actor, id: string) {
      return (await detail(actor, id)).dto;
    },

    /** Edits a person; the audit keeps before/after with the CCCD masked. A phone held by another person of the commune is refused (409). */
    async update(actor: Actor, id: string, input: z.infer<typeof personUpdateSchema>) {
      const person = await getInScope(actor, id, 'team.manage');
      const fields = personFields(cipher, input);
      const updated = await db
        .transaction(async (tx) => {
          const row = await updatePerson(tx, id, fields);
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
        })
        .catch(async (error: unknown) => {
          if (!fields.phone || !isUniqueViolation(error, PHONE_INDEX)) throw error;
          throw await phoneTaken(fields.phone, person.unitPath);
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
