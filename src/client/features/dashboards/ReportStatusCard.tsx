import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { ReportStatusSummary } from '../../../shared/schemas/reports.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang, useT } from '../../i18n.ts';
import { useMe, userCan } from '../auth/session.ts';
import { formatNumber } from '../progress/progress-api.ts';
import { STATE_COLOR } from '../reports/labels.ts';
import { useDashboardReports } from './dashboards-api.ts';
import { formatDate } from '../../../shared/dates.ts';

function SummaryRow({ item, canReview }: { item: ReportStatusSummary; canReview: boolean }) {
  const t = useT();
  const lang = useLang();
  const c = item.counts;
  const n = (k: number) => formatNumber(k, lang);
  const title = t('dashboard.reportPeriod', { name: item.definitionName, period: item.period, date: formatDate(item.dueOn) });
  return (
    <Stack gap={2} data-testid="report-summary" data-definition={item.definitionId} data-period={item.period}>
      {canReview ? (
        <Anchor component={Link} href={`/reports/definitions/${item.definitionId}?period=${item.period}`} size="sm" fw={600}>
          {title}
        </Anchor>
      ) : (
        <Text size="sm" fw={600}>
          {title}
        </Text>
      )}
      <Group gap={4}>
        <Badge tt="none" variant="light" color={STATE_COLOR.submitted} data-count="submitted">
          {t('dashboard.reportSubmitted', { n: n(c.submitted), total: n(item.units) })}
        </Badge>
        <Badge tt="none" variant="light" color={STATE_COLOR.approved} data-count="approved">
          {t('dashboard.reportApproved', { n: n(c.approved) })}
        </Badge>
        {c.returned > 0 && (
          <Badge tt="none" variant="light" color={STATE_COLOR.returned} data-count="returned">
            {t('dashboard.reportReturned', { n: n(c.returned) })}
          </Badge>
        )}
        {c.late > 0 && (
          <Badge tt="none" variant="light" color="red" data-count="late">
            {t('dashboard.reportLate', { n: n(c.late) })}
          </Badge>
        )}
        <Badge tt="none" variant="light" color={STATE_COLOR.not_submitted} data-count="notSubmitted">
          {t('dashboard.reportNotSubmitted', { n: n(c.notSubmitted) })}
        </Badge>
      </Group>
    </Stack>
  );
}

/** Report status of the units under a unit: per report and recent period, how many sent, were approved, returned, late or have not sent. */
export function ReportStatusCard({ structure, code, year }: { structure: Structure; code: string; year: number }) {
  const t = useT();
  const canReview = userCan(useMe().data, 'report.review');
  const reports = useDashboardReports(structure, code, year);
  const items = reports.data?.items ?? [];
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={2} size="h5">
        {t('dashboard.reports')}
      </Title>
      <ErrorAlert error={reports.error} />
      <Stack gap="xs">
        {reports.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('dashboard.noReports')}
          </Text>
        )}
        {items.map((item) => (
          <SummaryRow key={`${item.definitionId}-${item.period}`} item={item} canReview={canReview} />
        ))}
        <Anchor component={Link} href="/reports" size="sm">
          {t('dashboard.reportsLink')}
        </Anchor>
      </Stack>
    </Paper>
  );
}
