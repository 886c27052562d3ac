import { Paper, SimpleGrid, Text } from '@mantine/core';
import { useLang } from '../../i18n.ts';
import { formatNumber, formatPercent, paceColor, type ProgressItem } from '../progress/progress-api.ts';

/** The key indicators as small cards (at most eight): achieved / target and the percent coloured by pace. */
export function KeyCards({ items }: { items: ProgressItem[] }) {
  const lang = useLang();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="xs" data-testid="key-cards">
      {items.slice(0, 8).map((i) => (
        <Paper key={i.indicator} withBorder p="xs" radius="md" data-indicator={i.indicator}>
          <Text size="xs" c="dimmed" lineClamp={2}>
            {i.name}
          </Text>
          <Text fw={700} size="lg">
            {formatNumber(i.achieved, lang)}
            {i.target > 0 && (
              <Text span size="sm" c="dimmed">
                {' '}
                / {formatNumber(i.target, lang)}
              </Text>
            )}
          </Text>
          {i.percent !== null && (
            <Text size="sm" fw={600} c={paceColor(i.percent, i.expectedPercent, i.behindPace)}>
              {formatPercent(i.percent, lang)}%
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
