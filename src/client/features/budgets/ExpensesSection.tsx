import { useState } from 'react';
import { Alert, Anchor, Button, FileButton, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { formatVnd, parseVnd } from '../../../shared/money.ts';
import type { TeamBudget } from '../../../shared/schemas/budgets.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useExpenseActions } from './budgets-api.ts';
import { formatDate, vnToday } from '../../../shared/dates.ts';
import { DateField } from '../../components/DateField.tsx';

const ACCEPT = 'application/pdf,image/jpeg,image/png';

function AddExpenseForm({ teamId }: { teamId: string }) {
  const t = useT();
  const { create } = useExpenseActions(teamId);
  const [spentOn, setSpentOn] = useState('');
  const [purpose, setPurpose] = useState('');
  const [amount, setAmount] = useState('');
  const parsed = parseVnd(amount);
  const amountError = amount !== '' && (parsed === null || parsed <= 0) ? t('budgets.amountInvalid') : null;
  const onAdd = () => {
    if (!spentOn || !purpose.trim() || parsed === null || parsed <= 0) return;
    create.mutate(
      { spentOn, purpose, amount: parsed },
      {
        onSuccess: () => {
          setPurpose('');
          setAmount('');
        },
      },
    );
  };
  return (
    <Stack gap="xs">
      <Group align="flex-start" gap="sm">
        <DateField label={t('budgets.spentOn')} value={spentOn} max={vnToday()} onChange={setSpentOn} w={170} />
        <TextInput
          label={t('budgets.purpose')}
          value={purpose}
          onChange={(e) => setPurpose(e.currentTarget.value)}
          style={{ flex: 1, minWidth: 220 }}
        />
        <TextInput
          label={t('budgets.amount')}
          placeholder={t('budgets.amountHint')}
          value={amount}
          onChange={(e) => setAmount(e.currentTarget.value)}
          error={amountError}
          w={180}
        />
      </Group>
      <ErrorAlert error={create.error} />
      <Group>
        <Button onClick={onAdd} loading={create.isPending} disabled={!spentOn || !purpose.trim() || parsed === null || parsed <= 0}>
          {t('budgets.addExpense')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The team's expenses with receipts; recording and removing while the dossier is open. */
export function ExpensesSection({ budget }: { budget: TeamBudget }) {
  const t = useT();
  const { remove, receipt } = useExpenseActions(budget.teamId);
  return (
    <Stack gap="xs" component="section" aria-labelledby="expenses-title">
      <Title order={2} size="h4" id="expenses-title">
        {t('budgets.expenses')}
      </Title>
      {!budget.canSpend && budget.settlement.status !== 'draft' && budget.settlement.status !== 'returned' && (
        <Alert variant="light">{t('budgets.locked')}</Alert>
      )}
      {budget.expenses.length === 0 ? (
        <Text c="dimmed">{t('budgets.noExpenses')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder aria-label={t('budgets.expenses')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('budgets.spentOn')}</Table.Th>
                <Table.Th>{t('budgets.purpose')}</Table.Th>
                <Table.Th ta="right">{t('budgets.amount')}</Table.Th>
                <Table.Th>{t('budgets.receipts')}</Table.Th>
                {budget.canSpend && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {budget.expenses.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td>{formatDate(e.spentOn)}</Table.Td>
                  <Table.Td>{e.purpose}</Table.Td>
                  <Table.Td ta="right">{formatVnd(e.amount)}</Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {e.receipts.map((r) => (
                        <Anchor key={r.id} href={r.url} target="_blank" size="sm">
                          {r.fileName}
                        </Anchor>
                      ))}
                    </Stack>
                  </Table.Td>
                  {budget.canSpend && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <FileButton accept={ACCEPT} onChange={(file) => file && receipt.mutate({ id: e.id, file })}>
                          {(props) => (
                            <Button {...props} size="xs" variant="light" aria-label={`${t('budgets.addReceipt')}: ${e.purpose}`}>
                              {t('budgets.addReceipt')}
                            </Button>
                          )}
                        </FileButton>
                        <Button size="xs" variant="subtle" color="red" onClick={() => remove.mutate(e.id)}>
                          {t('budgets.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ErrorAlert error={receipt.error ?? remove.error} />
      {budget.canSpend && <AddExpenseForm teamId={budget.teamId} />}
    </Stack>
  );
}
