import { useState, type ChangeEvent, type FormEvent } from 'react';
import { Button, Group, SimpleGrid, TextInput } from '@mantine/core';
import { useT } from '../../i18n.ts';
import { EMPTY_AUDIT_FILTERS, type AuditFilters } from './audit-api.ts';
import { DateField } from '../../components/DateField.tsx';

/** Filter form of the audit log (action, actor, entity type, from/to dates). */
export function AuditFiltersForm({ value, onApply }: { value: AuditFilters; onApply: (f: AuditFilters) => void }) {
  const t = useT();
  const [draft, setDraft] = useState<AuditFilters>(value);
  const set = (key: keyof AuditFilters) => (e: ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, [key]: e.currentTarget.value });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const onReset = () => {
    setDraft(EMPTY_AUDIT_FILTERS);
    onApply(EMPTY_AUDIT_FILTERS);
  };
  return (
    <form onSubmit={onSubmit}>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="xs">
        <TextInput label={t('audit.action')} placeholder="user.create" value={draft.action} onChange={set('action')} />
        <TextInput label={t('audit.actor')} value={draft.actor} onChange={set('actor')} autoCapitalize="none" />
        <TextInput label={t('audit.entityType')} placeholder="user" value={draft.entityType} onChange={set('entityType')} />
        <DateField
          label={t('audit.from')}
          value={draft.from}
          max={draft.to || undefined}
          onChange={(from) => setDraft({ ...draft, from })}
        />
        <DateField label={t('audit.to')} value={draft.to} min={draft.from || undefined} onChange={(to) => setDraft({ ...draft, to })} />
      </SimpleGrid>
      <Group mt="xs" gap="xs">
        <Button type="submit">{t('audit.apply')}</Button>
        <Button variant="default" onClick={onReset}>
          {t('audit.reset')}
        </Button>
      </Group>
    </form>
  );
}
