/** Roles a user can hold on an org unit (see domain.md §2). */
export const ROLES = ['admin', 'province_officer', 'district_officer', 'commune_officer', 'team_leader', 'team_member', 'partner'] as const;

/** One of {@link ROLES}. */
export type Role = (typeof ROLES)[number];

/** Vietnamese and English labels for each role. */
export const ROLE_LABELS: Record<Role, { vi: string; en: string }> = {
  admin: { vi: 'Quản trị hệ thống', en: 'System administrator' },
  province_officer: { vi: 'Cán bộ Sở (cấp tỉnh)', en: 'Provincial department officer' },
  district_officer: { vi: 'Cán bộ cấp huyện', en: 'District officer' },
  commune_officer: { vi: 'Cán bộ UBND cấp xã', en: 'Commune officer' },
  team_leader: { vi: 'Tổ trưởng', en: 'Team leader' },
  team_member: { vi: 'Tổ viên', en: 'Team member' },
  partner: { vi: 'Doanh nghiệp viễn thông', en: 'Partner (telecom business)' },
};

/** Org-unit level at which each role is assigned; admin has no unit (the whole country). */
export const ROLE_UNIT_LEVEL: Record<Role, 'province' | 'district' | 'commune' | 'village' | null> = {
  admin: null,
  province_officer: 'province',
  district_officer: 'district',
  commune_officer: 'commune',
  team_leader: 'commune',
  team_member: 'commune',
  partner: 'province',
};

/** What an actor may do; checked by each service's policy. */
export const ACTIONS = [
  'unit.read',
  'village.manage',
  'team.manage',
  'cccd.reveal',
  /**
   * See members' personal data (names, phones, photos, authors) under one's units. Team roles see
   * only their own teams' (through the person behind the account), a partner only its own staff.
   */
  'person.read',
  'settings.manage',
  'user.manage',
  'audit.read',
  /** Log activities: team members for their own teams; officers for any team in scope. */
  'activity.log',
  /** Verify an activity or send it back with a comment. */
  'activity.review',
  /** Set yearly targets: the province for teams and communes, a commune to split its own. */
  'target.manage',
  /** Record directives (official letters) with recipients and tasks, and follow compliance. */
  'directive.issue',
  /** Answer the tasks of directives received by one's unit. */
  'directive.respond',
  /** Set funding schemes and review settlement dossiers. */
  'budget.manage',
  /** Record a team's expenses and assemble its settlement dossier: the team leader for their own team, the commune for its teams. */
  'budget.spend',
  /** Fill in and submit one's own unit's periodic reports. */
  'report.submit',
  /** Return or approve the reports of the units below, and follow who has submitted. */
  'report.review',
] as const;

/** One of {@link ACTIONS}. */
export type Action = (typeof ACTIONS)[number];

const GRANTS: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  province_officer: [
    'unit.read',
    'village.manage',
    'team.manage',
    'cccd.reveal',
    'person.read',
    'settings.manage',
    'user.manage',
    'audit.read',
    'activity.log',
    'activity.review',
    'target.manage',
    'directive.issue',
    'budget.manage',
    'report.review',
  ],
  district_officer: [
    'unit.read',
    'village.manage',
    'team.manage',
    'person.read',
    'audit.read',
    'activity.log',
    'activity.review',
    'directive.issue',
    'directive.respond',
    'report.submit',
    'report.review',
  ],
  commune_officer: [
    'unit.read',
    'village.manage',
    'team.manage',
    'cccd.reveal',
    'person.read',
    'activity.log',
    'activity.review',
    'target.manage',
    'directive.respond',
    'budget.spend',
    'report.submit',
  ],
  team_leader: ['unit.read', 'activity.log', 'budget.spend'],
  team_member: ['unit.read', 'activity.log'],
  partner: ['unit.read'],
};

/** True when the role carries the action (scope is checked separately). */
export function roleCan(role: Role, action: Action): boolean {
  return GRANTS[role].includes(action);
}
