import { TextInput } from '@mantine/core';
import { useT } from '../../i18n.ts';
import type { AssignmentDraft } from './assignments.ts';

/** True when one of the drafted roles is a partner (telecom business), which has an organisation. */
export function hasPartnerRole(drafts: readonly AssignmentDraft[]): boolean {
  return drafts.some((d) => d.role === 'partner');
}

/** The organisation to save: the typed name for a partner account, otherwise none. */
export function organizationToSave(drafts: readonly AssignmentDraft[], value: string): string | null {
  return hasPartnerRole(drafts) && value.trim() ? value.trim() : null;
}

/** "Doanh nghiệp" of a partner account: whose staff's personal data it may see. Shown only with the partner role. */
export function OrganizationInput({
  drafts,
  value,
  onChange,
}: {
  drafts: readonly AssignmentDraft[];
  value: string;
  onChange: (value: string) => void;
}) {
  const t = useT();
  if (!hasPartnerRole(drafts)) return null;
  return (
    <TextInput
      label={t('users.organization')}
      description={t('users.organizationHint')}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      maxLength={200}
    />
  );
}
