import { useState, type MouseEvent } from 'react';
import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useLocation } from 'wouter';
import { roleCan } from '../../../shared/permissions.ts';
import type { ReportInstance } from '../../../shared/schemas/reports.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe } from '../auth/session.ts';
import { DefinitionForm } from './DefinitionForm.tsx';
import { STATE_COLOR } from './labels.ts';
import { useOpenReport, useReportDefinitions, useUnitReports } from './reports-api.ts';
import { formatDate } from '../../../shared/dates.ts';

/** "Báo cáo": the caller's unit's reports to fill in, and for the levels above the definitions to follow. */
export function ReportsPage() {
  const t = useT();
  const me = useMe();
  const user = me.data ?? null;
  const submitter = user?.assignments.find((a) => a.unitCode && roleCan(a.role, 'report.submit'));
  const reviewer = user?.assignments.find((a) => roleCan(a.role, 'report.review'));
  const owner = user?.assignments.find((a) => a.unitCode && roleCan(a.role, 'settings.manage'));
  const structure = (submitter ?? reviewer ?? owner)?.structure ?? 'current';
  const [isCreating, setCreating] = useState(false);
  if (me.isPending) return <PageLoader />;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('reports.title')}</Title>
        {owner?.unitCode ? (
          <Button variant={isCreating ? 'default' : 'filled'} onClick={() => setCreating((v) => !v)}>
            {t('reports.newDefinition')}
          </Button>
        ) : null}
      </Group>
      {isCreating && owner?.unitCode ? (
        <DefinitionForm structure={owner.structure ?? 'current'} provinceCode={owner.unitCode} onCreated={() => setCreating(false)} />
      ) : null}
      {submitter?.unitCode ? <UnitReports structure={structure} unit={submitter.unitCode} /> : null}
      {reviewer || owner ? <Definitions structure={structure} canFollow={Boolean(reviewer)} /> : null}
    </Stack>
  );
}

/** The report's page; one the unit has not opened yet is opened (its draft created) on the click. */
function ReportLink({ report, onError }: { report: ReportInstance; onError: (error: unknown) => void }) {
  const open = useOpenReport();
  const [, navigate] = useLocation();
  if (report.id) return <Link href={`/reports/instances/${report.id}`}>{report.definitionName}</Link>;
  const onClick = (event: MouseEvent) => {
    event.preventDefault();
    open.mutate(report, { onSuccess: (opened) => navigate(`/reports/instances/${opened.id}`), onError });
  };
  return (
    <Anchor href="/reports" onClick={onClick} aria-busy={open.isPending}>
      {report.definitionName}
    </Anchor>
  );
}

function UnitReports({ structure, unit }: { structure: string; unit: string }) {
  const t = useT();
  const list = useUnitReports(structure, unit);
  const [openError, setOpenError] = useState<unknown>(null);
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <PageLoader />;
  return (
    <Stack gap="xs">
      <Title order={3}>{t('reports.mine')}</Title>
      {openError ? <ErrorAlert error={openError} /> : null}
      {list.data.items.length === 0 ? <Text c="dimmed">{t('reports.none')}</Text> : null}
      <Table aria-label={t('reports.mine')}>
        <Table.Tbody>
          {list.data.items.map((r) => (
            <Table.Tr key={`${r.definitionId}:${r.period}`}>
              <Table.Td>
                <ReportLink report={r} onError={setOpenError} />
              </Table.Td>
              <Table.Td>{r.period}</Table.Td>
              <Table.Td>{t('reports.due', { date: formatDate(r.dueOn) })}</Table.Td>
              <Table.Td>
                <Badge color={STATE_COLOR[r.status]}>{t(`reports.state.${r.status}`)}</Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

function Definitions({ structure, canFollow }: { structure: string; canFollow: boolean }) {
  const t = useT();
  const list = useReportDefinitions(structure);
  if (list.error) return <ErrorAlert error={list.error} />;
  if (!list.data) return <PageLoader />;
  return (
    <Stack gap="xs">
      <Title order={3}>{t('reports.definitions')}</Title>
      {list.data.items.length === 0 ? <Text c="dimmed">{t('reports.noDefinitions')}</Text> : null}
      <Table aria-label={t('reports.definitions')}>
        <Table.Tbody>
          {list.data.items.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>{canFollow ? <Link href={`/reports/definitions/${d.id}`}>{d.name}</Link> : d.name}</Table.Td>
              <Table.Td>
                {t(`reports.periodType.${d.periodType}`)}
                {d.periodType !== 'one_off' && ` (${t('reports.fromPeriod', { period: d.firstPeriod })})`}
              </Table.Td>
              <Table.Td>
                {d.periodType === 'one_off' && d.dueOn
                  ? t('reports.due', { date: formatDate(d.dueOn) })
                  : t('reports.dueDays', { days: d.dueDay ?? 0 })}
              </Table.Td>
              <Table.Td>{d.isActive ? null : <Badge color="gray">{t('reports.inactive')}</Badge>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
