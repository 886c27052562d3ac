import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Actor } from '../../http/context.ts';
import type { OrgUnitsService } from '../org-units/org-units.service.ts';
import type { SettingsService } from '../settings/settings.service.ts';
import { renderReportDocx, type ReportDocModel } from './report.docx.ts';
import { periodLabel } from './report-periods.ts';
import type { ReportsService } from './reports.service.ts';

interface Deps {
  reports: Pick<ReportsService, 'load' | 'toDto'>;
  orgUnits: OrgUnitsService;
  settings: Pick<SettingsService, 'forProvince'>;
}

const lowerFirst = (s: string) => s.charAt(0).toLocaleLowerCase('vi') + s.slice(1);

/** Builds the document models of a report from the instance the actor can see (404 otherwise). */
export function createReportExportsService({ reports, orgUnits, settings }: Deps) {
  return {
    /** The report as a Decree 30 "BÁO CÁO" .docx. */
    async docx(actor: Actor, id: string, options: { number?: string; signer?: string }): Promise<{ buffer: Buffer; unitCode: string; period: string }> {
      const loaded = await reports.load(actor, id);
      const dto = await reports.toDto(actor, loaded);
      const { unit, definition } = loaded;
      const structure = definition.structure as Structure;
      const parent = unit.parentCode ? await orgUnits.findInScope(structure, unit.parentCode, 'all') : null;
      const config = await settings.forProvince(structure, unit.provinceCode);
      const model: ReportDocModel = {
        parentAgency: parent ? `UBND ${parent.name}` : null,
        agencyLines: ['ỦY BAN NHÂN DÂN', unit.name],
        number: options.number ?? null,
        place: /^\d/.test(unit.shortName) ? unit.name : unit.shortName,
        date: dto.submittedAt ? new Date(dto.submittedAt) : null,
        excerpt: `${definition.name} ${periodLabel(dto.period, dto.dueOn)} của ${lowerFirst(unit.name)}`,
        sections: dto.sections.map((s) => ({ title: s.title, text: s.text })),
        numbers: dto.numbers.map((n) => ({ name: n.name, target: n.target, achieved: n.achieved })),
        recipients: [`${parent ? `UBND ${parent.name}` : config.departmentName};`, `${config.departmentName};`, 'Lưu: VT.'],
        signer: { titleLines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], name: options.signer ?? null },
      };
      return { buffer: await renderReportDocx(model), unitCode: unit.code, period: dto.period };
    },
  };
}

/** The report exports service's surface. */
export type ReportExportsService = ReturnType<typeof createReportExportsService>;
