import { useState } from 'react';
import { Button, Code, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import type { AuditEvent } from '../../../shared/schemas/audit.ts';
import { useT } from '../../i18n.ts';
import { formatDateTime } from '../../../shared/dates.ts';

function JsonBlock({ label, value }: { label: string; value: unknown }) {
  return (
    <Stack gap={2} miw={0}>
      <Text size="xs" fw={600}>
        {label}
      </Text>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 320, overflow: 'auto' }}>
        {value === undefined || value === null ? '—' : JSON.stringify(value, null, 2)}
      </Code>
    </Stack>
  );
}

/** One audit event row, expandable to show the before/after JSON. */
export function AuditRow({ event }: { event: AuditEvent }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const detailsId = `audit-${event.id}`;
  return (
    <>
      <Table.Tr>
        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(event.at, true)}</Table.Td>
        <Table.Td>{event.actorUsername ?? t('audit.system')}</Table.Td>
        <Table.Td>
          <Code>{event.action}</Code>
        </Table.Td>
        <Table.Td>
          {event.entityType}
          {event.entityId && (
            <Text span c="dimmed" size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {' '}
              {event.entityId}
            </Text>
          )}
        </Table.Td>
        <Table.Td ff="monospace">{event.ip ?? '—'}</Table.Td>
        <Table.Td>
          <Button size="compact-xs" variant="subtle" aria-expanded={open} aria-controls={detailsId} onClick={() => setOpen(!open)}>
            {open ? t('audit.hideDetails') : t('audit.showDetails')}
          </Button>
        </Table.Td>
      </Table.Tr>
      {open && (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={6}>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              <JsonBlock label={t('audit.before')} value={event.before} />
              <JsonBlock label={t('audit.after')} value={event.after} />
            </SimpleGrid>
          </Table.Td>
        </Table.Tr>
      )}
    </>
  );
}
