import type { Structure } from '../../../shared/schemas/org-units.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import type { Db } from '../../db/client.ts';
import { recordPersonalDataRead } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import { decisionNumberParts, type DecisionModel, type Mau2List, type Mau2Sheet, type TeamRole } from './documents.model.ts';
import { renderDecisionDocx } from './decision.docx.ts';
import { writeMau2Xlsx } from './mau2.xlsx.ts';

type Roster = Awaited<ReturnType<TeamsService['roster']>>;

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
/** Sheet names: ≤ 31 characters, without []:*?/\. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

/** Builds the format-free Mẫu 2 model: one sheet per commune. */
export function mau2Model(roster: Roster, provinceName: string): Mau2List {
  const sheets: Mau2Sheet[] = roster.communes.map(({ commune, teams }) => ({
    sheetName: sheetName(commune.name),
    unitLabel: `${commune.name}, ${provinceName}`,
    communes: [
      {
        communeLabel: `UBND ${lowerFirst(commune.name)}`,
        teams: teams.map(({ team, members }) => ({
          name: team.name,
          members: members.map((m) => ({
            fullName: m.person.fullName,
            role: m.membership.role as TeamRole,
            title: m.membership.title,
            phone: m.person.phone,
            isZalo: m.person.isZalo,
          })),
        })),
      },
    ],
  }));
  if (sheets.length === 0) {
    sheets.push({ sheetName: sheetName(roster.unit.name), unitLabel: roster.unit.name, communes: [] });
  }
  return { sheets };
}

/** Options of the decision a commune prints. */
export interface DecisionOptions {
  number?: string;
  date?: string;
  signer?: string;
  /** `reestablishment`: the decision re-establishing a merged commune's teams (ADR 0012). */
  purpose?: 'establishment' | 'reestablishment';
}

/** Article 3's closing sentence of a re-establishment: the predecessors' decisions stop applying. */
export function replacedDecisionsLine(predecessorNames: readonly string[]): string {
  const names = predecessorNames.length > 0 ? ` của Ủy ban nhân dân ${predecessorNames.map(lowerFirst).join(', ')}` : '';
  return `Các quyết định thành lập Tổ công nghệ số cộng đồng${names} ban hành trước ngày 01/7/2025 hết hiệu lực kể từ ngày Quyết định này có hiệu lực.`;
}

/** People listed in a roster (someone in two teams is one person). */
const peopleIn = (roster: Roster) => new Set(roster.communes.flatMap((c) => c.teams.flatMap((t) => t.members.map((m) => m.person.id)))).size;

/** The official forms, rendered from live data; they list members, so only those who see their data get them, audited. */
export function createDocumentsService(deps: { db: Db; clock: () => Date; teams: TeamsService; orgUnits: OrgUnitsService; settings: SettingsService }) {
  const { db, clock, teams, orgUnits, settings } = deps;
  const audited = (actor: Actor, roster: Roster, list: 'mau2' | 'decision') =>
    recordPersonalDataRead(db, actor, { at: clock(), list, entityType: 'org_unit', entityId: roster.unit.code, unitPath: roster.unit.path, label: roster.unit.name, people: peopleIn(roster) });

  async function provinceOf(structure: Structure, provinceCode: string) {
    const province = await orgUnits.findInScope(structure, provinceCode, 'all');
    return province!;
  }

  return {
    /** Writes the Mẫu 2 list of a unit (province, district or commune) to `out`. */
    async writeMau2(actor: Actor, structure: Structure, unitCode: string, out: NodeJS.WritableStream | string) {
      const roster = await teams.roster(actor, structure, unitCode);
      const province = await provinceOf(structure, roster.unit.provinceCode);
      await writeMau2Xlsx(mau2Model(roster, province.name), out);
      await audited(actor, roster, 'mau2');
    },

    /** The commune's establishment decision (Mẫu 1) as a .docx buffer. */
    async decisionDocx(actor: Actor, structure: Structure, communeCode: string, options: DecisionOptions) {
      const roster = await teams.roster(actor, structure, communeCode);
      const commune = roster.unit;
      if (commune.level !== 'commune') throw new AppError('VALIDATION', 'Quyết định Mẫu 1 chỉ lập cho một xã/phường.');
      const isReestablishment = options.purpose === 'reestablishment';
      if (isReestablishment && structure !== 'current') {
        throw new AppError('VALIDATION', 'Quyết định kiện toàn chỉ lập cho xã/phường sau sắp xếp (cơ cấu hiện hành).');
      }
      if (roster.communes.length === 0) throw new AppError('VALIDATION', `${commune.name} chưa có tổ công nghệ số nào đang hoạt động.`);
      const parent = await orgUnits.findInScope(structure, commune.parentCode!, 'all');
      const config = await settings.forProvince(structure, commune.provinceCode);
      const communeName = lowerFirst(commune.name);
      const rosterTeams = roster.communes[0]!.teams;
      const origins = isReestablishment ? await teams.originsOf(rosterTeams.map(({ team }) => team.id)) : new Map<string, string>();
      const predecessors = isReestablishment ? await orgUnits.predecessors(commune.code) : [];
      const model: DecisionModel = {
        parentAgency: parent ? `UBND ${parent.name.replace(/^(Tỉnh|Thành phố|Huyện|Quận|Thị xã) /u, (t) => `${t.trim()} `).toUpperCase()}` : null,
        agencyLines: ['ỦY BAN NHÂN DÂN', commune.name.toUpperCase()],
        ...decisionNumberParts(options.number),
        place: /^\d/.test(commune.shortName) ? commune.name : commune.shortName,
        date: options.date ? new Date(`${options.date}T00:00:00+07:00`) : null,
        excerpt: `Về việc ${isReestablishment ? 'kiện toàn' : 'thành lập'} các Tổ công nghệ số cộng đồng trên địa bàn ${communeName}`,
        authority: `CHỦ TỊCH ỦY BAN NHÂN DÂN ${commune.name.toUpperCase()}`,
        legalBases: config.decisionLegalBases,
        proposal: `Theo đề nghị của Văn phòng Hội đồng nhân dân và Ủy ban nhân dân ${communeName}`,
        communeName,
        departmentName: config.departmentName,
        teams: rosterTeams.map(({ team, members }) => ({
          name: team.name,
          origin: origins.get(team.id) ?? null,
          members: members.map((m) => ({
            fullName: m.person.fullName,
            gender: m.person.gender as 'male' | 'female' | null,
            role: m.membership.role as TeamRole,
            title: m.membership.title,
          })),
        })),
        reestablishment: isReestablishment ? { replacedDecisions: replacedDecisionsLine(predecessors.map((p) => p.name)) } : null,
        recipients: ['Như Điều 4;', `${config.departmentName};`, 'Lưu: VT.'],
        signer: { prefix: null, titleLines: ['CHỦ TỊCH'], name: options.signer ?? null },
      };
      const docx = await renderDecisionDocx(model);
      await audited(actor, roster, 'decision');
      return docx;
    },
  };
}

/** The documents service's surface. */
export type DocumentsService = ReturnType<typeof createDocumentsService>;
