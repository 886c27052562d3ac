import { memo } from 'react';
import { Table, Text, TextInput } from '@mantine/core';
import { MAX_COUNT } from '../../../shared/schemas/activities.ts';
import { useT } from '../../i18n.ts';
import type { MessageKey } from '../../locales/vi.ts';
import type { Targets } from './targets-api.ts';
import { cellText, communeKey, teamKey, type StoredTargets, type TargetsDraft } from './targets-draft.ts';

type Indicator = Targets['indicators'][number];

interface CellProps {
  cellKey: string;
  text: string;
  label: string;
  error: MessageKey | undefined;
  isEditable: boolean;
  onChange: (key: string, text: string) => void;
}

/** One target: an input when editable, else the number. */
const TargetCell = memo(function TargetCell({ cellKey, text, label, error, isEditable, onChange }: CellProps) {
  const t = useT();
  if (!isEditable) {
    return (
      <Text size="sm" ta="right" aria-label={label}>
        {text === '' ? '—' : Number(text).toLocaleString('vi-VN')}
      </Text>
    );
  }
  return (
    <TextInput
      size="xs"
      w={96}
      inputMode="numeric"
      aria-label={label}
      value={text}
      onChange={(e) => onChange(cellKey, e.currentTarget.value)}
      error={error ? t(error, { max: MAX_COUNT.toLocaleString('vi-VN') }) : undefined}
      styles={{ input: { textAlign: 'right' }, error: { fontSize: 10 } }}
    />
  );
});

function IndicatorHeaders({ indicators }: { indicators: Indicator[] }) {
  return indicators.map((i) => (
    <Table.Th key={i.code} miw={110} title={`${i.name} (${i.code})`}>
      <Text size="xs" fw={600} lineClamp={3}>
        {i.name}
      </Text>
    </Table.Th>
  ));
}

interface TableProps {
  data: Targets;
  stored: StoredTargets;
  draft: TargetsDraft;
  errors: Record<string, MessageKey>;
  isEditable: boolean;
  onChange: (key: string, text: string) => void;
}

/** Communes × indicators: the province's own commune targets, with what the teams add up to. */
export function CommuneTargetsTable({ data, stored, draft, errors, isEditable, onChange }: TableProps) {
  const t = useT();
  if (data.communes.length === 0) return <Text c="dimmed">{t('targets.noCommunes')}</Text>;
  return (
    <Table.ScrollContainer minWidth={600} mah={520}>
      <Table withTableBorder withColumnBorders stickyHeader verticalSpacing={4} aria-label={t('targets.communes')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={160}>{t('targets.commune')}</Table.Th>
            <IndicatorHeaders indicators={data.indicators} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.communes.map((c) => (
            <Table.Tr key={c.communeCode}>
              <Table.Td>{c.communeName}</Table.Td>
              {data.indicators.map((i) => {
                const key = communeKey(c.communeCode, i.code);
                return (
                  <Table.Td key={i.code}>
                    <TargetCell
                      cellKey={key}
                      text={cellText(stored, draft, key)}
                      label={t('targets.cellLabel', { indicator: i.name, who: c.communeName })}
                      error={errors[key]}
                      isEditable={isEditable}
                      onChange={onChange}
                    />
                    {(c.teamSums[i.code] !== undefined || c.targets[i.code] !== undefined) && (
                      <Text
                        size="xs"
                        c={c.targets[i.code] !== undefined && c.targets[i.code] !== c.teamSums[i.code] ? 'orange.8' : 'dimmed'}
                        ta="right"
                      >
                        {t('targets.teamSum', { n: (c.teamSums[i.code] ?? 0).toLocaleString('vi-VN') })}
                      </Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Teams × indicators: each team's targets. */
export function TeamTargetsTable({ data, stored, teams, draft, errors, isEditable, onChange }: TableProps & { teams: Targets['teams'] }) {
  const t = useT();
  if (teams.length === 0) return <Text c="dimmed">{t('targets.noTeams')}</Text>;
  return (
    <Table.ScrollContainer minWidth={700} mah={640}>
      <Table withTableBorder withColumnBorders stickyHeader verticalSpacing={4} aria-label={t('targets.teams')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th miw={200}>{t('targets.team')}</Table.Th>
            <IndicatorHeaders indicators={data.indicators} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {teams.map((team) => (
            <Table.Tr key={team.teamId}>
              <Table.Td>
                <Text size="sm">{team.teamName}</Text>
                <Text size="xs" c="dimmed">
                  {team.unitCode === team.communeCode ? team.communeName : `${team.unitName}, ${team.communeName}`}
                </Text>
              </Table.Td>
              {data.indicators.map((i) => {
                const key = teamKey(team.teamId, i.code);
                return (
                  <Table.Td key={i.code}>
                    <TargetCell
                      cellKey={key}
                      text={cellText(stored, draft, key)}
                      label={t('targets.cellLabel', { indicator: i.name, who: team.teamName })}
                      error={errors[key]}
                      isEditable={isEditable}
                      onChange={onChange}
                    />
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
