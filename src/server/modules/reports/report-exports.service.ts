import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ONE_OFF_PERIOD } from '../../../shared/schemas/reports.ts';
import { unitInText } from '../../../shared/unit-names.ts';
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

/**
 * The excerpt under "BÁO CÁO": the report's name without the type name already printed above
 * it (nor "tháng"/"quý"/"năm" of a periodic report, which the period says), then its period
 * unless the name already says it, then whose report it is.
 * "Báo cáo tổng kết năm 2026 hoạt động Tổ…" for 2026 → "Tổng kết năm 2026 hoạt động Tổ… của phường Sa Đéc".
 */
export function reportExcerpt(definitionName: string, period: string, dueOn: string, unitName: string): string {
  const name = definitionName
    .trim()
    .replace(/^báo cáo\s*/iu, '')
    .replace(/^(tháng|quý|năm|định kỳ)\s+(?!\d)/iu, '');
  const label = periodLabel(period, dueOn);
  const year = period === ONE_OFF_PERIOD ? dueOn.slice(0, 4) : period.slice(0, 4);
  const saysPeriod = name.includes(label) || ((/^\d{4}$/u.test(period) || period === ONE_OFF_PERIOD) && name.includes(year));
  const subject = `${name.charAt(0).toLocaleUpperCase('vi')}${name.slice(1)}`;
  return `${subject}${saysPeriod ? '' : ` ${label}`} của ${unitInText(unitName)}`;
}

/** Builds the document models of a report from the instance the actor can see (404 otherwise). */
export function createReportExportsService({ reports, orgUnits, settings }: Deps) {
  return {
    /** The report as a Decree 30 "BÁO CÁO" .docx, addressed to the department that asked for it. */
    async docx(
      actor: Actor,
      id: string,
      options: { number?: string; signer?: string },
    ): Promise<{ buffer: Buffer; unitCode: string; period: string }> {
      const loaded = await reports.load(actor, id);
      const dto = await reports.toDto(actor, loaded);
      const { unit, definition } = loaded;
      const structure = definition.structure as Structure;
      const [parent, province, config] = await Promise.all([
        unit.parentCode ? orgUnits.findInScope(structure, unit.parentCode, 'all') : null,
        orgUnits.findInScope(structure, unit.provinceCode, 'all'),
        settings.forProvince(structure, unit.provinceCode),
      ]);
      const model: ReportDocModel = {
        agencyLines: ['ỦY BAN NHÂN DÂN', unit.name],
        number: options.number ?? null,
        place: /^\d/.test(unit.shortName) ? unit.name : unit.shortName,
        date: dto.submittedAt ? new Date(dto.submittedAt) : null,
        year: Number(dto.dueOn.slice(0, 4)),
        addressees: [`${config.departmentName} ${unitInText(province?.name ?? '')}`.trim()],
        excerpt: reportExcerpt(definition.name, dto.period, dto.dueOn, unit.name),
        sections: dto.sections.map((s) => ({ title: s.title, text: s.text })),
        numbers: dto.numbers.map((n) => ({ name: n.name, target: n.target, achieved: n.achieved })),
        // "Như trên" is the department; a legacy district relays the report, so it gets a copy.
        recipients: ['Như trên;', ...(parent?.level === 'district' ? [`UBND ${unitInText(parent.name)};`] : []), 'Lưu: VT, VP.'],
        signer: { titleLines: ['TM. ỦY BAN NHÂN DÂN', 'CHỦ TỊCH'], name: options.signer ?? null },
      };
      return { buffer: await renderReportDocx(model), unitCode: unit.code, period: dto.period };
    },
  };
}

/** The report exports service's surface. */
export type ReportExportsService = ReturnType<typeof createReportExportsService>;
