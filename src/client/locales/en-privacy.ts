import type { viPrivacy } from './vi-privacy.ts';

/** English strings of personal-data protection. */
export const enPrivacy: Record<keyof typeof viPrivacy, string> = {
  'members.hidden':
    '{n, plural, one {# member not shown: your role sees how many there are, not their personal data.} other {# members not shown: your role sees how many there are, not their personal data.}}',
  'personalDataReads.link': 'Who read member lists',
  'personalDataReads.title': 'Who read or downloaded lists with personal data — {name}',
  'personalDataReads.intro':
    'Every view of a team page, a member page, the activity feed with authors, the officials in charge, and every Mẫu 2 or Mẫu 1 download is logged (Decree 13/2023). Newest first.',
  'personalDataReads.empty': 'No reads yet',
  'personalDataReads.time': 'Time',
  'personalDataReads.who': 'Reader',
  'personalDataReads.list': 'List',
  'personalDataReads.of': 'Of',
  'personalDataReads.people': 'People',
  'personalDataReads.list.teams': 'Team list (leader names)',
  'personalDataReads.list.team': 'Team page',
  'personalDataReads.list.person': 'Member page',
  'personalDataReads.list.activity_feed': 'Activity feed',
  'personalDataReads.list.mau2': 'Mẫu 2 download (Excel)',
  'personalDataReads.list.decision': 'Mẫu 1 decision download (Word)',
  'personalDataReads.list.officials': 'Officials in charge',
  'personalDataReads.list.person_export': 'Personal data export',
  'personalDataReads.list.duplicates': 'Possible duplicates',
  'personalDataReads.list.without_gender': 'Members without a gender',
  'personalDataReads.list.person_matches': 'Phone look-up when adding a member',
  'personData.title': 'Personal data on request',
  'personData.intro': "At the member's request, export a copy of all their data or erase their identity. Every action is logged.",
  'personData.exportJson': 'Export data (JSON)',
  'personData.exportXlsx': 'Export data (Excel)',
  'personData.erase': 'Erase identity',
  'personData.eraseTitle': 'Erase the identity of {name}',
  'personData.eraseNote':
    'Name, phone, CCCD, birth year, gender and the field account are erased for good; team memberships and activities stay (without identity) so the figures do not change. This cannot be undone.',
  'personData.reason': 'Grounds for erasure',
  'personData.reasonHint': 'E.g. written request of Mr/Ms … received on …',
  'personData.eraseSubmit': 'Erase for good',
  'personData.anonymised': 'Identity erased',
  'users.organization': 'Business',
  'users.organizationHint': 'As written in the "Business name" of its employees in the teams: the account sees only their personal data.',
};
