import type { z } from 'zod';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Official, officialInputSchema } from '../../../shared/schemas/officials.ts';
import { normalizeText } from '../../../shared/text.ts';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound, personalDataForbidden } from '../../http/errors.ts';
import { hasAction, scopeFor, type Actor } from '../../http/context.ts';
import { auditActorOf, recordAudit, recordPersonalDataRead } from '../audit/audit.service.ts';
import { personalDataScope, seesEveryoneUnder } from '../teams/people.policy.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import { checkedPhone, protectCccd, type CccdCipher } from '../teams/people.service.ts';
import { deleteOfficial, findOfficial, insertOfficial, listOfficials, updateOfficial, type OfficialRow } from './officials.repo.ts';
import { listed } from '../../../shared/schemas/lists.ts';

type Input = z.infer<typeof officialInputSchema>;

function toDto(row: OfficialRow): Official {
  return {
    id: row.id,
    communeCode: row.communeCode,
    fullName: row.fullName,
    position: row.position,
    phone: row.phone,
    cccdMasked: row.cccdMasked,
  };
}

/** The commune's officials in charge of its teams (name, position, CCCD, phone), with the CCCD protected. */
export function createOfficialsService(deps: { db: Db; clock: () => Date; cipher: CccdCipher; orgUnits: OrgUnitsService }) {
  const { db, clock, cipher, orgUnits } = deps;

  function fields(input: Partial<Input>) {
    return {
      ...(input.fullName !== undefined ? { fullName: normalizeText(input.fullName) } : {}),
      ...(input.position !== undefined ? { position: input.position && normalizeText(input.position) } : {}),
      ...(input.phone !== undefined ? { phone: checkedPhone(input.phone) } : {}),
      ...protectCccd(cipher, input.cccd),
    };
  }

  async function getInScope(actor: Actor, id: string, action: 'team.manage' | 'cccd.reveal') {
    if (!hasAction(actor, action)) throw forbidden();
    const row = await findOfficial(db, id, scopeFor(actor, action));
    if (!row) throw notFound('cán bộ phụ trách này');
    return row;
  }

  function audited(action: string, row: OfficialRow, before: OfficialRow | null, after: OfficialRow | null) {
    return {
      at: clock(),
      action,
      entityType: 'official',
      entityId: row.id,
      unitPath: row.unitPath,
      before: before && toDto(before),
      after: after && toDto(after),
    };
  }

  return {
    /** Officials of a commune, for those who see personal data there; the read is audited. */
    async list(actor: Actor, structure: Structure, communeCode: string) {
      const commune = await orgUnits.findInScope(structure, communeCode, scopeFor(actor, 'unit.read'));
      if (!commune || commune.level !== 'commune') throw notFound(`xã/phường mã ${communeCode}`);
      if (!seesEveryoneUnder(personalDataScope(actor), commune.path)) throw personalDataForbidden();
      const items = (await listOfficials(db, structure, communeCode, scopeFor(actor, 'person.read'))).map(toDto);
      await recordPersonalDataRead(db, actor, {
        at: clock(),
        list: 'officials',
        entityType: 'org_unit',
        entityId: commune.code,
        unitPath: commune.path,
        label: commune.name,
        people: items.length,
      });
      return listed(items);
    },

    /** Adds an official to a commune's list. */
    async create(actor: Actor, structure: Structure, communeCode: string, input: Input) {
      if (!hasAction(actor, 'team.manage')) throw forbidden();
      const commune = await orgUnits.findInScope(structure, communeCode, scopeFor(actor, 'team.manage'));
      if (!commune || commune.level !== 'commune') throw notFound(`xã/phường mã ${communeCode}`);
      const values = { ...fields(input), fullName: normalizeText(input.fullName), structure, communeCode, unitPath: commune.path };
      return toDto(
        await db.transaction(async (tx) => {
          const row = await insertOfficial(tx, values);
          await recordAudit(tx, auditActorOf(actor), audited('official.create', row, null, row));
          return row;
        }),
      );
    },

    /** Edits an official. */
    async update(actor: Actor, id: string, input: Partial<Input>) {
      const before = await getInScope(actor, id, 'team.manage');
      return toDto(
        await db.transaction(async (tx) => {
          const row = await updateOfficial(tx, id, fields(input));
          await recordAudit(tx, auditActorOf(actor), audited('official.update', row, before, row));
          return row;
        }),
      );
    },

    /** Removes an official from the list. */
    async remove(actor: Actor, id: string) {
      const before = await getInScope(actor, id, 'team.manage');
      await db.transaction(async (tx) => {
        await deleteOfficial(tx, id);
        await recordAudit(tx, auditActorOf(actor), audited('official.delete', before, before, null));
      });
    },

    /** The clear CCCD, for roles allowed to see it; audited. */
    async revealCccd(actor: Actor, id: string) {
      const row = await getInScope(actor, id, 'cccd.reveal');
      await recordAudit(db, auditActorOf(actor), audited('official.reveal_cccd', row, null, null));
      return { cccd: row.cccdEncrypted ? cipher.box.decrypt(row.cccdEncrypted) : null };
    },
  };
}

/** The officials service's surface. */
export type OfficialsService = ReturnType<typeof createOfficialsService>;
