export * from './org-units.ts';
export * from './accounts.ts';
export * from './teams.ts';
export * from './imports.ts';
export * from './activities.ts';
export * from './directives.ts';
export * from './budgets.ts';
export * from './rollups.ts';
