import type { viIntegrity } from './vi-integrity.ts';

/** English strings of the data-integrity screens. */
export const enIntegrity: Record<keyof typeof viIntegrity, string> = {
  'import.changesTitle': 'People the import changes',
  'import.changesIntro': 'Check the list: new people, role changes, people joining another team and people coming back after leaving.',
  'import.change.new': 'New ({n})',
  'import.change.role': 'Role changes ({n})',
  'import.change.team': 'Joining another team ({n})',
  'import.change.rejoin': 'Coming back after leaving ({n})',
  'import.changeMore': 'and {n} more (see all on the command line)',
  'import.changeTeam': 'Team',
  'import.changeName': 'Full name',
  'import.changeWhat': 'Change',
  'import.confirmChanges': 'I have checked the changes above and agree to import exactly these',
};
