import type { BlobStore } from './blob/blob-store.ts';
import type { Db } from './db/client.ts';
import { createDecisionScanService } from './modules/teams/decision-scan.service.ts';
import { createSecretBox } from './lib/secret-box.ts';
import { createPdfConverter, type PdfConverter } from './lib/office-pdf.ts';
import { createAuthService } from './modules/accounts/auth.service.ts';
import { createUsersService } from './modules/accounts/users.service.ts';
import { createActivitiesService } from './modules/activities/activities.service.ts';
import { createAuditService } from './modules/audit/audit.service.ts';
import { createRollupsService } from './modules/rollups/rollups.service.ts';
import { createIndicatorsService } from './modules/indicators/indicators.service.ts';
import { createCoverageService } from './modules/village-coverage/coverage.service.ts';
import { createDocumentsService } from './modules/documents/documents.service.ts';
import { createImportJobsService } from './modules/imports/import-jobs.service.ts';
import { createMau2ImportService } from './modules/imports/mau2.import.ts';
import { createOfficialsService } from './modules/officials/officials.service.ts';
import { createOrgUnitsService } from './modules/org-units/org-units.service.ts';
import { createVillagesService } from './modules/org-units/villages.service.ts';
import { createSettingsService } from './modules/settings/settings.service.ts';
import { createMembershipsService } from './modules/teams/memberships.service.ts';
import { createPeopleService } from './modules/teams/people.service.ts';
import { createGendersService } from './modules/teams/genders.service.ts';
import { createTeamImporter } from './modules/teams/teams.import.ts';
import { createTeamsService } from './modules/teams/teams.service.ts';
import { createTargetYearsService } from './modules/targets/target-years.service.ts';
import { createTargetsService } from './modules/targets/targets.service.ts';
import { createTargetsImportService } from './modules/targets/targets.import.ts';
import { createProgressService } from './modules/progress/progress.service.ts';
import { createBudgetServices } from './modules/budgets/budgets.module.ts';
import { createDirectivesService } from './modules/directives/directives.service.ts';
import { createResponsesService } from './modules/directives/responses.service.ts';
import { createSignedFileService } from './modules/directives/signed-file.service.ts';
import { createNotificationsService } from './modules/directives/notifications.service.ts';
import { createReportDefinitionsService } from './modules/reports/report-definitions.service.ts';
import { createReportsService } from './modules/reports/reports.service.ts';
import { createReportStatusService } from './modules/reports/report-status.service.ts';
import { createReportExportsService } from './modules/reports/report-exports.service.ts';
import { createDashboardsService } from './modules/dashboards/dashboards.service.ts';

/** What every service is built from. */
export interface ServiceDeps {
  db: Db;
  clock: () => Date;
  sessionTtlHours: number;
  /** 32-byte key that encrypts CCCD numbers. */
  secretKey: Buffer;
  blobs: BlobStore;
  /** PDF of generated documents (LibreOffice); a default queue when not given. */
  pdf?: PdfConverter;
}

/** Wires every module's service (plain factories, no container); shared by the HTTP app and the CLI. */
export function createServices({ db, clock, sessionTtlHours, secretKey, blobs, pdf = createPdfConverter() }: ServiceDeps) {
  const cipher = { box: createSecretBox(secretKey), indexKey: secretKey };
  const orgUnits = createOrgUnitsService({ db });
  const villages = createVillagesService({ db, clock });
  const settings = createSettingsService({ db, clock, orgUnits });
  const people = createPeopleService({ db, clock, cipher });
  const indicators = createIndicatorsService({ db, clock, orgUnits });
  const targetYears = createTargetYearsService({ db, clock, orgUnits });
  const targets = createTargetsService({ db, clock, orgUnits, indicators, targetYears, settings });
  const teams = createTeamsService({ db, clock, orgUnits, settings, targets });
  const rollups = createRollupsService({ db, orgUnits, targets, teams });
  const directives = createDirectivesService({ db, clock, orgUnits });
  const reportDefinitions = createReportDefinitionsService({ db, clock, orgUnits, indicators });
  const reports = createReportsService({ db, clock, orgUnits, indicators, rollups });
  const reportStatus = createReportStatusService({ db, clock, definitions: reportDefinitions });
  const mau2Import = createMau2ImportService({ db, clock, orgUnits, villages, teamImporter: createTeamImporter({ clock }) });
  return {
    pdf,
    auth: createAuthService({ db, clock, sessionTtlHours }),
    users: createUsersService({ db, clock, orgUnits, people }),
    audit: createAuditService({ db }),
    orgUnits,
    villages,
    settings,
    teams,
    decisionScans: createDecisionScanService({ db, clock, blobs }),
    memberships: createMembershipsService({ db, clock, cipher }),
    people,
    genders: createGendersService({ db, clock, orgUnits }),
    officials: createOfficialsService({ db, clock, cipher, orgUnits }),
    coverage: createCoverageService({ db, orgUnits, settings }),
    documents: createDocumentsService({ teams, orgUnits, settings, clock }),
    mau2Import,
    importJobs: createImportJobsService({ db, clock, mau2: mau2Import }),
    indicators,
    rollups,
    activities: createActivitiesService({ db, clock, blobs, teams, indicators, orgUnits, villages, rollups }),
    targetYears,
    targets,
    targetsImport: createTargetsImportService({ db, clock, targets }),
    progress: createProgressService({ clock, orgUnits, indicators, targets, targetYears, rollups }),
    directives,
    directiveResponses: createResponsesService({ db, clock, blobs, orgUnits }),
    signedFiles: createSignedFileService({ db, clock, blobs, directives }),
    notifications: createNotificationsService({ db }),
    reportDefinitions,
    reports,
    reportStatus,
    reportExports: createReportExportsService({ reports, orgUnits, settings }),
    dashboards: createDashboardsService({ clock, orgUnits, teams, indicators, rollups, targets, targetYears, reportStatus }),
    ...createBudgetServices({ db, clock, blobs, orgUnits, teams }),
  };
}

/** All services. */
export type Services = ReturnType<typeof createServices>;
