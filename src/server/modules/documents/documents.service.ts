import type { Mau2Layout } from '../../../shared/schemas/imports.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { capitaliseNumberedUnits, unitInText } from '../../../shared/unit-names.ts';
import { AppError } from '../../http/errors.ts';
import type { Actor } from '../../http/context.ts';
import type { Db } from '../../db/client.ts';
import { recordPersonalDataRead } from '../audit/audit.service.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import type { TeamsService } from '../teams/teams.service.ts';
import { vnDate } from '../teams/teams.service.ts';
import { departmentOn, eraOf, legalBasesFor, officeOf } from './decision-era.ts';
import { decisionNumberParts, type DecisionModel, type Mau2Commune, type Mau2List, type TeamRole } from './documents.model.ts';
import { renderDecisionDocx } from './decision.docx.ts';
import { writeMau2Xlsx } from './mau2.xlsx.ts';

type Roster = Awaited<ReturnType<TeamsService['roster']>>;

/** Sheet names: ≤ 31 characters, without []:*?/\. */
const sheetName = (name: string) => name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);

function mau2Commune({ commune, teams }: Roster['communes'][number]): Mau2Commune {
  return {
    communeLabel: `UBND ${unitInText(commune.name)}`,
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
  };
}

/**
 * Builds the format-free Mẫu 2 model: one sheet per commune, or (`consolidated`) one sheet for
 * the whole unit with the teams numbered on across its communes.
 */
export function mau2Model(roster: Roster, provinceName: string, layout: Mau2Layout = 'by-commune'): Mau2List {
  const province = unitInText(provinceName);
  const labelOf = (name: string, level: string) => (level === 'province' ? name : `${name}, ${province}`);
  if (layout === 'consolidated' || roster.communes.length === 0) {
    return {
      sheets: [
        {
          sheetName: sheetName(roster.unit.name),
          unitLabel: labelOf(roster.unit.name, roster.unit.level),
          communes: roster.communes.map(mau2Commune),
        },
      ],
    };
  }
  return {
    sheets: roster.communes.map((entry) => ({
      sheetName: sheetName(entry.commune.name),
      unitLabel: labelOf(entry.commune.name, 'commune'),
      communes: [mau2Commune(entry)],
    })),
  };
}

/** Article 1's teams, numbered units capitalised; in a re-establishment, where each team stood before. */
function decisionTeams(rosterTeams: Roster['communes'][number]['teams'], origins: ReadonlyMap<string, string>): DecisionModel['teams'] {
  return rosterTeams.map(({ team, members }) => ({
    name: capitaliseNumberedUnits(team.name),
    origin: origins.get(team.id) ?? null,
    members: members.map((m) => ({
      fullName: m.person.fullName,
      gender: m.person.gender as 'male' | 'female' | null,
      role: m.membership.role as TeamRole,
      title: m.membership.title ? capitaliseNumberedUnits(m.membership.title) : null,
    })),
  }));
}

/** Options of the decision a commune prints. */
export interface DecisionOptions {
  number?: string;
  /** YYYY-MM-DD. */
  date?: string;
  signer?: string;
  /** `reestablishment`: the decision re-establishing a merged commune's teams (ADR 0012). */
  purpose?: 'establishment' | 'reestablishment';
}

/** Article 3's closing sentence of a re-establishment: the predecessors' decisions stop applying. */
export function replacedDecisionsLine(predecessorNames: readonly string[]): string {
  const names = predecessorNames.length > 0 ? ` của Ủy ban nhân dân ${predecessorNames.map(unitInText).join(', ')}` : '';
  return `Các quyết định thành lập Tổ công nghệ số cộng đồng${names} ban hành trước ngày 01/7/2025 hết hiệu lực kể từ ngày Quyết định này có hiệu lực.`;
}

/** People listed in a roster (someone in two teams is one person). */
const peopleIn = (roster: Roster) =>
  new Set(roster.communes.flatMap((c) => c.teams.flatMap((t) => t.members.map((m) => m.person.id)))).size;

/** The official forms, rendered from live data; they list members, so only those who see their data get them, audited. */
export function createDocumentsService(deps: {
  db: Db;
  clock: () => Date;
  teams: TeamsService;
  orgUnits: OrgUnitsService;
  settings: SettingsService;
}) {
  const { db, clock, teams, orgUnits, settings } = deps;
  const audited = (actor: Actor, roster: Roster, list: 'mau2' | 'decision') =>
    recordPersonalDataRead(db, actor, {
      at: clock(),
      list,
      entityType: 'org_unit',
      entityId: roster.unit.code,
      unitPath: roster.unit.path,
      label: roster.unit.name,
      people: peopleIn(roster),
    });

  async function unitOf(structure: Structure, code: string) {
    return (await orgUnits.findInScope(structure, code, 'all'))!;
  }

  /** The decision's model: its era (by date, else structure) decides legal bases, offices and department. */
  async function decisionModel(roster: Roster, structure: Structure, options: DecisionOptions): Promise<DecisionModel> {
    const commune = roster.unit;
    if (commune.level !== 'commune') throw new AppError('VALIDATION', 'Quyết định Mẫu 1 chỉ lập cho một xã/phường.');
    const isReestablishment = options.purpose === 'reestablishment';
    if (isReestablishment && structure !== 'current') {
      throw new AppError('VALIDATION', 'Quyết định kiện toàn chỉ lập cho xã/phường sau sắp xếp (cơ cấu hiện hành).');
    }
    if (roster.communes.length === 0) throw new AppError('VALIDATION', `${commune.name} chưa có tổ công nghệ số nào đang hoạt động.`);
    const rosterTeams = roster.communes[0]!.teams;
    const [parent, province, config, origins, predecessors] = await Promise.all([
      unitOf(structure, commune.parentCode!),
      unitOf(structure, commune.provinceCode),
      settings.forProvince(structure, commune.provinceCode),
      isReestablishment ? teams.originsOf(rosterTeams.map(({ team }) => team.id)) : new Map<string, string>(),
      isReestablishment ? orgUnits.predecessors(commune.code) : [],
    ]);
    const day = options.date ?? null;
    const today = vnDate(clock());
    const era = eraOf(day, structure);
    const communeName = unitInText(commune.name);
    const department = departmentOn(day, config.departmentName);
    const office = officeOf(era, communeName);
    return {
      // A UBND has no parent agency line (both official samples).
      parentAgency: null,
      agencyLines: ['ỦY BAN NHÂN DÂN', commune.name.toLocaleUpperCase('vi')],
      ...decisionNumberParts(options.number),
      place: /^\d/.test(commune.shortName) ? commune.name : commune.shortName,
      date: day ? new Date(`${day}T00:00:00+07:00`) : null,
      year: era === 'two-level' ? Number(today.slice(0, 4)) : null,
      excerpt: `Về việc ${isReestablishment ? 'kiện toàn' : 'thành lập'} các Tổ công nghệ số cộng đồng trên địa bàn ${communeName}`,
      authority: `CHỦ TỊCH ỦY BAN NHÂN DÂN ${commune.name.toLocaleUpperCase('vi')}`,
      legalBases: legalBasesFor(era, day, today, config.decisionLegalBases),
      proposal: `Theo đề nghị của ${office}`,
      office,
      communeName,
      departmentName: department,
      teams: decisionTeams(rosterTeams, origins),
      reestablishment: isReestablishment ? { replacedDecisions: replacedDecisionsLine(predecessors.map((p) => p.name)) } : null,
      recipients: ['Như Điều 4;', `${department} ${unitInText(province.name)};`, `UBND ${unitInText(parent.name)};`, 'Lưu: VT, VP.'],
      signer: { prefix: null, titleLines: ['CHỦ TỊCH'], name: options.signer ?? null },
    };
  }

  return {
    /** Writes the Mẫu 2 list of a unit (province, district or commune) to `out`. */
    async writeMau2(
      actor: Actor,
      structure: Structure,
      unitCode: string,
      out: NodeJS.WritableStream | string,
      layout: Mau2Layout = 'by-commune',
    ) {
      const roster = await teams.roster(actor, structure, unitCode);
      const province = await unitOf(structure, roster.unit.provinceCode);
      await writeMau2Xlsx(mau2Model(roster, province.name, layout), out);
      await audited(actor, roster, 'mau2');
    },

    /** The commune's establishment decision (Mẫu 1) as a .docx buffer. */
    async decisionDocx(actor: Actor, structure: Structure, communeCode: string, options: DecisionOptions) {
      const roster = await teams.roster(actor, structure, communeCode);
      const docx = await renderDecisionDocx(await decisionModel(roster, structure, options));
      await audited(actor, roster, 'decision');
      return docx;
    },
  };
}

/** The documents service's surface. */
export type DocumentsService = ReturnType<typeof createDocumentsService>;
