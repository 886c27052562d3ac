import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'wouter';
import { formatVnd, MAX_VND_IN_WORDS, vndInWords } from '../../../shared/money.ts';
import type { TeamBudget } from '../../../shared/schemas/budgets.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import type { MessageKey } from '../../locales/vi.ts';
import { useMe } from '../auth/session.ts';
import { useTeam } from '../teams/teams-api.ts';
import { budgetsHome, useTeamBudget } from './budgets-api.ts';
import { YearSelect, useYear } from './BudgetsPage.tsx';
import { DossierSection } from './DossierSection.tsx';
import { ExpensesSection } from './ExpensesSection.tsx';

function Figure({ label, amount, testId }: { label: MessageKey; amount: number; testId: string }) {
  const t = useT();
  return (
    <Paper withBorder p="sm" radius="sm">
      <Text size="sm" c="dimmed">
        {t(label)}
      </Text>
      <Text fw={700} size="xl" data-testid={testId} c={amount < 0 ? 'red.8' : undefined}>
        {formatVnd(amount)}
      </Text>
      {Math.abs(amount) <= MAX_VND_IN_WORDS && (
        <Text size="xs" c="dimmed">
          {t('budgets.inWords', { words: vndInWords(Math.abs(amount)) })}
        </Text>
      )}
    </Paper>
  );
}

function rateText(t: ReturnType<typeof useT>, b: TeamBudget): string {
  const s = b.scheme;
  if (!s.isSet) return t('budgets.noScheme', { year: b.year });
  const base = `${formatVnd(s.amount)} — ${t(`budgets.kind.${s.kind}`)}`;
  return s.kind === 'per_team_year'
    ? base
    : `${base} × ${s.months}${s.kind === 'per_member_month' ? ` × ${t('budgets.members', { n: b.members })}` : ''}`;
}

/** `/budgets/teams/:id?year=`: allocation, expenses with receipts, balance and the settlement dossier. */
export function TeamBudgetPage() {
  const t = useT();
  const { id } = useParams<{ id: string }>();
  const [year, setYear] = useYear();
  const budget = useTeamBudget(id, year);
  const team = useTeam(id);
  const user = useMe().data;
  const b = budget.data;
  return (
    <Stack gap="md">
      <Anchor component={Link} href={budgetsHome(user)} size="sm">
        {t('budgets.back')}
      </Anchor>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          {t('budgets.teamTitle', { year, name: b?.teamName ?? team.data?.name ?? '' })}
        </Title>
        <YearSelect year={year} onChange={setYear} />
      </Group>
      {budget.isPending && <PageLoader />}
      <ErrorAlert error={budget.error} />
      {b && (
        <>
          <Text size="sm">{t('budgets.rate', { rate: rateText(t, b) })}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Figure label="budgets.allocated" amount={b.allocated} testId="allocated" />
            <Figure label="budgets.spent" amount={b.spent} testId="spent" />
            <Figure label="budgets.balance" amount={b.balance} testId="balance" />
          </SimpleGrid>
          <ExpensesSection budget={b} />
          <DossierSection key={`${b.settlement.id}-${b.settlement.status}`} settlement={b.settlement} />
        </>
      )}
    </Stack>
  );
}
