import { Alert, Anchor, Badge, Group, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'wouter';
import { formatVnd } from '../../../shared/money.ts';
import type { BudgetList } from '../../../shared/schemas/budgets.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { UnitLanding } from '../activities/UnitLanding.tsx';
import { useMe, userCan } from '../auth/session.ts';
import { useUnit } from '../units/units-api.ts';
import { budgetsHref, teamBudgetHref, useBudgets } from './budgets-api.ts';
import { statusColor, statusKey } from './labels.ts';
import { SchemeForm } from './SchemeForm.tsx';
import { UnitRoute } from '../units/UnitRoute.tsx';
import { vnYear } from '../../../shared/dates.ts';

const FIRST_YEAR = 2022;

/** The year in the URL (`?year=`), else this year. */
export function useYear(): [number, (y: number) => void] {
  const [params, setParams] = useSearchParams();
  const now = vnYear();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2020 && asked <= now + 1 ? asked : now;
  return [year, (y) => setParams(new URLSearchParams({ year: String(y) }), { replace: true })];
}

/** Year picker from 2022 to next year. */
export function YearSelect({ year, onChange }: { year: number; onChange: (y: number) => void }) {
  const t = useT();
  const years = Array.from({ length: vnYear() + 2 - FIRST_YEAR }, (_, i) => String(FIRST_YEAR + i)).reverse();
  return (
    <Select
      label={t('budgets.year')}
      data={years}
      value={String(year)}
      onChange={(v) => v && onChange(Number(v))}
      allowDeselect={false}
      w={110}
    />
  );
}

function BudgetTable({ data }: { data: BudgetList }) {
  const t = useT();
  if (data.items.length === 0) return <Text c="dimmed">{t('budgets.noTeams')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped withTableBorder aria-label={t('budgets.table')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('budgets.team')}</Table.Th>
            <Table.Th>{t('budgets.commune')}</Table.Th>
            <Table.Th ta="right">{t('budgets.allocated')}</Table.Th>
            <Table.Th ta="right">{t('budgets.spent')}</Table.Th>
            <Table.Th ta="right">{t('budgets.balance')}</Table.Th>
            <Table.Th>{t('budgets.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.items.map((row) => (
            <Table.Tr key={row.teamId}>
              <Table.Td>
                <Anchor component={Link} href={teamBudgetHref(row.teamId, data.year)}>
                  {row.teamName}
                </Anchor>
              </Table.Td>
              <Table.Td>{row.communeName}</Table.Td>
              <Table.Td ta="right">{formatVnd(row.allocated)}</Table.Td>
              <Table.Td ta="right">{formatVnd(row.spent)}</Table.Td>
              <Table.Td ta="right" c={row.balance < 0 ? 'red.8' : undefined}>
                {formatVnd(row.balance)}
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={statusColor(row.settlementStatus)}>
                  {t(statusKey(row.settlementStatus))}
                </Badge>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr fw={700}>
            <Table.Td colSpan={2}>{t('budgets.total')}</Table.Td>
            <Table.Td ta="right">{formatVnd(data.totals.allocated)}</Table.Td>
            <Table.Td ta="right">{formatVnd(data.totals.spent)}</Table.Td>
            <Table.Td ta="right">{formatVnd(data.totals.balance)}</Table.Td>
            <Table.Td />
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

function BudgetsView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const user = useMe().data;
  const [year, setYear] = useYear();
  const unit = useUnit(structure, code);
  const budgets = useBudgets(structure, code, year);
  const scheme = budgets.data?.scheme;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Title order={1} size="h2">
          {t('budgets.title', { year, name: unit.data?.name ?? code })}
        </Title>
        <Group gap="xs" align="flex-end">
          {budgets.isFetching && !budgets.isPending && <Loader size="xs" />}
          <YearSelect year={year} onChange={setYear} />
        </Group>
      </Group>
      {budgets.isPending && <PageLoader />}
      <ErrorAlert error={budgets.error} />
      {scheme && !scheme.isSet && <Alert variant="light">{t('budgets.noScheme', { year })}</Alert>}
      {budgets.data && budgets.data.year === year && <BudgetTable data={budgets.data} />}
      {scheme && userCan(user, 'budget.manage') && budgets.data?.year === year && (
        <SchemeForm key={`${code}-${year}`} structure={structure} scheme={scheme} />
      )}
    </Stack>
  );
}

/** `/budgets/:structure/:code?year=`: teams × allocated/spent/balance with totals; the province sets the scheme. */
export function BudgetsPage() {
  return <UnitRoute view={BudgetsView} />;
}

/** `/budgets` without a unit: the user's own unit, or a unit chooser. */
export function BudgetsLanding() {
  const t = useT();
  return <UnitLanding title={t('budgets.landing')} href={(structure, code) => budgetsHref(structure, code)} />;
}
