import { Anchor, Badge, Box, Group, Paper, Progress, SimpleGrid, Text, Tooltip } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { useLang, useT } from '../../i18n.ts';
import { activitiesHref } from '../activities/links.ts';
import { formatCount } from '../../../shared/indicator-units.ts';
import { formatNumber, formatPercent, paceColor, type ProgressItem } from './progress-api.ts';

/** A bar of achieved / target with a tick where achievement should be by today (no tick without a target). */
export function PaceBar({ percent, expected, color, label }: { percent: number | null; expected: number; color: string; label: string }) {
  const t = useT();
  const lang = useLang();
  const clamped = Math.max(0, Math.min(100, expected));
  const expectedLabel = t('progress.expected', { p: formatPercent(expected, lang) });
  return (
    <Box pos="relative" py={4}>
      <Progress value={Math.min(100, percent ?? 0)} color={color} size="lg" radius="sm" aria-label={label} />
      {percent !== null && (
        <Tooltip label={expectedLabel} withArrow>
          <Box
            data-testid="expected-marker"
            aria-label={expectedLabel}
            role="img"
            pos="absolute"
            top={0}
            bottom={0}
            left={`calc(${clamped}% - 1px)`}
            w={3}
            bg="dark.6"
            style={{ borderRadius: 2 }}
          />
        </Tooltip>
      )}
    </Box>
  );
}

interface Where {
  structure: Structure;
  /** The unit whose feed the indicator links to. */
  unit: string;
  /** Narrows that feed to one team. */
  team?: string;
}

function ItemCard({ item, name, structure, unit, team }: { item: ProgressItem; name: string } & Where) {
  const t = useT();
  const lang = useLang();
  const color = paceColor(item.percent, item.expectedPercent, item.behindPace);
  // The unit agrees with the target ("3/5 people", "1/1 person"), or with the count alone.
  const numbers =
    item.target > 0
      ? t('progress.achievedOf', { achieved: formatNumber(item.achieved, lang), target: formatCount(item.target, item.unit, lang) })
      : t('progress.achievedNoTarget', { achieved: formatCount(item.achieved, item.unit, lang) });
  const percent = item.percent === null ? null : formatPercent(item.percent, lang);
  const behind = item.behindPace && item.percent !== null;
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      bg={behind ? `${color}.0` : undefined}
      style={behind ? { borderColor: `var(--mantine-color-${color}-4)` } : undefined}
      data-behind={behind || undefined}
      data-indicator={item.indicator}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Anchor component={Link} href={activitiesHref(structure, unit, { indicator: item.indicator, team })} fw={600} size="sm">
          {name}
        </Anchor>
        {item.percent === null ? (
          <Badge tt="none" color="gray" variant="light" style={{ flexShrink: 0 }}>
            {t('progress.noTarget')}
          </Badge>
        ) : (
          <Badge tt="none" color={behind ? color : 'green'} variant={behind ? 'filled' : 'light'} style={{ flexShrink: 0 }}>
            {behind ? t('progress.behind') : t('progress.onTrack')}
          </Badge>
        )}
      </Group>
      <PaceBar
        percent={item.percent}
        expected={item.expectedPercent}
        color={color}
        label={t('progress.bar', { name, p: percent ?? '0' })}
      />
      <Group justify="space-between" gap="xs">
        <Text size="sm" data-testid="achieved">
          {numbers}
        </Text>
        {percent !== null && (
          <Text size="sm" fw={700} c={behind ? `${color}.9` : undefined}>
            {percent}%
          </Text>
        )}
      </Group>
    </Paper>
  );
}

/** Per indicator: achieved vs target bars, percent, and the expected-by-now marker; behind-pace ones in orange or red. */
export function IndicatorProgress({ items, names, ...where }: { items: ProgressItem[]; names: Map<string, string> } & Where) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      {items.map((item) => (
        <ItemCard key={item.indicator} item={item} name={names.get(item.indicator) ?? item.name} {...where} />
      ))}
    </SimpleGrid>
  );
}
