export * from './org-units.ts';
export * from './accounts.ts';
