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
import { createVillageListsService } from './modules/org-units/village-lists.service.ts';
import { createVillageListImportService } from './modules/imports/villages.import.ts';
import { createSettingsService } from './modules/settings/settings.service.ts';
import { createMembershipsService } from './modules/teams/memberships.service.ts';
import { createPeopleService } from './modules/teams/people.service.ts';
import { createGendersService } from './modules/teams/genders.service.ts';
import { createPersonDataService } from './modules/teams/person-data.service.ts';
import { createActivityAuthorsService } from './modules/activities/authors.service.ts';
import { createPeopleMergeService } from './modules/teams/people-merge.service.ts';
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
import { createTaskRemindersService } from './modules/directives/task-reminders.service.ts';
import { createNotificationsService } from './modules/notifications/notifications.service.ts';
import { APP_ONLY, type NotifyChannels } from './modules/notifications/channels.ts';
import { createDeliveryWorker } from './modules/notifications/delivery.service.ts';
import type { ChannelSender } from './modules/notifications/delivery.types.ts';
import { emailChannel } from './modules/notifications/email.channel.ts';
import { pushChannel } from './modules/notifications/push.channel.ts';
import { createPushService, type PushService } from './modules/notifications/push.service.ts';
import { zaloChannel } from './modules/notifications/zalo.channel.ts';
import { createProfileService } from './modules/accounts/profile.service.ts';
import { createRecoveryService } from './modules/accounts/recovery.service.ts';
import { createReportDefinitionsService } from './modules/reports/report-definitions.service.ts';
import { createReportsService } from './modules/reports/reports.service.ts';
import { createClosedPeriodsService } from './modules/reports/closed-periods.service.ts';
import { createReportStatusService } from './modules/reports/report-status.service.ts';
import { createReportExportsService } from './modules/reports/report-exports.service.ts';
import { createDashboardsService } from './modules/dashboards/dashboards.service.ts';
import { createActivityMovesService } from './modules/activities/activity-moves.service.ts';
import { createReorganisationService } from './modules/teams/reorganisation.service.ts';
import { createVillageLineageService } from './modules/teams/village-lineage.service.ts';
import { createReestablishmentService } from './modules/teams/reestablishment.service.ts';

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
  /** DATA_DIR/initial-admin-password, deleted when that password is changed (the server only). */
  initialPasswordFile?: string | null;
  /** Told how long each write of live rollups took (metrics). */
  onRollupWrite?: (seconds: number) => void;
  /** The notification channels (e-mail, Web Push, Zalo) and the links' origin; the app only by default. */
  channels?: NotifyChannels;
  /** Where failures no request sees are reported (a reset mail that could not be sent). */
  logError?: (err: unknown, what: string) => void;
}

/** The senders of the configured channels. */
function sendersOf(channels: NotifyChannels, push: PushService): ChannelSender[] {
  return [
    ...(channels.mailer ? [emailChannel(channels.mailer, channels.origin)] : []),
    ...(channels.push ? [pushChannel(channels.push.vapid, push.store, channels.push.agent)] : []),
    ...(channels.zalo ? [zaloChannel(channels.zalo)] : []),
  ];
}

/** Wires every module's service (plain factories, no container); shared by the HTTP app and the CLI. */
export function createServices(deps: ServiceDeps) {
  const { db, clock, sessionTtlHours, secretKey, blobs, initialPasswordFile = null, onRollupWrite } = deps;
  const { channels = APP_ONLY, logError = (err: unknown, what: string) => console.error(what, err) } = deps;
  const { pdf = createPdfConverter() } = deps;
  const cipher = { box: createSecretBox(secretKey), indexKey: secretKey };
  const orgUnits = createOrgUnitsService({ db });
  const villages = createVillagesService({ db, clock });
  const settings = createSettingsService({ db, clock, orgUnits });
  const people = createPeopleService({ db, clock, cipher, orgUnits });
  const indicators = createIndicatorsService({ db, clock, orgUnits });
  const targetYears = createTargetYearsService({ db, clock, orgUnits });
  const targets = createTargetsService({ db, clock, orgUnits, indicators, targetYears, settings });
  const teams = createTeamsService({ db, clock, orgUnits, settings, targets });
  const rollups = createRollupsService({ db, orgUnits, targets, teams, onWrite: onRollupWrite });
  const notifications = createNotificationsService({ db, clock, teams });
  const directives = createDirectivesService({ db, clock, orgUnits, notifications });
  const reportDefinitions = createReportDefinitionsService({ db, clock, orgUnits, indicators });
  const reports = createReportsService({ db, clock, orgUnits, indicators, rollups, notifications });
  const reportStatus = createReportStatusService({ db, clock, definitions: reportDefinitions, notifications });
  const budgets = createBudgetServices({ db, clock, blobs, orgUnits, teams, notifications });
  const activityMoves = createActivityMovesService({ rollups });
  const reorganisation = createReorganisationService({
    db,
    clock,
    orgUnits,
    teams,
    targets,
    activityMoves,
    budgetMoves: budgets.budgetMoves,
  });
  const villageLineage = createVillageLineageService({ db, clock, orgUnits, villages, teams, reorganisation });
  const villageLists = createVillageListsService({ db, clock, villages });
  const auth = createAuthService({ db, clock, sessionTtlHours, secretKey, initialPasswordFile });
  const users = createUsersService({ db, clock, orgUnits, people });
  const profile = createProfileService({ db, clock });
  const push = createPushService({ db, clock, isEnabled: channels.push !== null });
  const directory = {
    roleHoldersOn: profile.roleHoldersOn,
    contactsOf: profile.contactsOf,
    teamIdsOf: async (personId: string) => (await teams.teamsOfPerson(personId)).map((t) => t.id),
  };
  const closedPeriods = createClosedPeriodsService({ db });
  const activities = createActivitiesService({
    db,
    clock,
    blobs,
    teams,
    indicators,
    orgUnits,
    villages,
    rollups,
    notifications,
    closedPeriods,
  });
  const mau2Import = createMau2ImportService({ db, clock, orgUnits, villages, teamImporter: createTeamImporter({ clock }), settings });
  return {
    pdf,
    auth,
    users,
    profile,
    recovery: createRecoveryService({
      db,
      clock,
      auth,
      users,
      mailer: channels.mailer,
      origin: channels.origin,
      onMailError: (err) => logError(err, 'password reset mail failed'),
    }),
    personData: createPersonDataService({ db, clock, orgUnits, users, activityAuthors: createActivityAuthorsService({ db }) }),
    audit: createAuditService({ db, orgUnits }),
    orgUnits,
    villages,
    villageLists,
    villageListImport: createVillageListImportService({ db, orgUnits, villageLists }),
    settings,
    teams,
    decisionScans: createDecisionScanService({ db, clock, blobs }),
    memberships: createMembershipsService({ db, clock, cipher }),
    people,
    genders: createGendersService({ db, clock, orgUnits }),
    peopleMerge: createPeopleMergeService({ db, clock, orgUnits, accounts: users, activities }),
    officials: createOfficialsService({ db, clock, cipher, orgUnits }),
    coverage: createCoverageService({ db, orgUnits, settings }),
    documents: createDocumentsService({ db, clock, teams, orgUnits, settings }),
    mau2Import,
    importJobs: createImportJobsService({ db, clock, mau2: mau2Import }),
    indicators,
    rollups,
    activities,
    targetYears,
    targets,
    targetsImport: createTargetsImportService({ db, clock, targets }),
    progress: createProgressService({ clock, orgUnits, indicators, targets, targetYears, rollups }),
    directives,
    directiveResponses: createResponsesService({ db, clock, blobs, orgUnits }),
    signedFiles: createSignedFileService({ db, clock, blobs, directives }),
    notifications,
    push,
    notificationChannels: {
      email: channels.mailer !== null,
      zalo: channels.zalo !== null,
      push: channels.push ? { publicKey: channels.push.vapid.publicKey } : null,
    },
    delivery: createDeliveryWorker({
      db,
      clock,
      directory,
      senders: sendersOf(channels, push),
      origin: channels.origin,
      maxAttempts: channels.maxAttempts,
    }),
    taskReminders: createTaskRemindersService({ db, notifications }),
    reportDefinitions,
    reports,
    reportStatus,
    reportExports: createReportExportsService({ reports, orgUnits, settings }),
    dashboards: createDashboardsService({ clock, orgUnits, teams, indicators, rollups, targets, targetYears, reportStatus }),
    ...budgets,
    reorganisation,
    villageLineage,
    reestablishment: createReestablishmentService({ db, orgUnits, lineage: villageLineage }),
  };
}

/** All services. */
export type Services = ReturnType<typeof createServices>;
