import { Box, Paper, Text, Title } from '@mantine/core';
import type { DashboardTrend } from '../../../shared/schemas/dashboards.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang, useT } from '../../i18n.ts';
import { formatNumber } from '../progress/progress-api.ts';
import { useTrend, type TrendSubject } from './dashboards-api.ts';

const HEIGHT = 140;
const BAR = 20;
const GAP = 6;
const WIDTH = 12 * (BAR + GAP);
const MAX_HEIGHT = 240;

/** Monthly bars as plain SVG that scales to its width (readable at 360 px: 12 bars, month numbers below). */
export function TrendChart({ trend }: { trend: DashboardTrend }) {
  const t = useT();
  const lang = useLang();
  const max = Math.max(1, ...trend.months.map((m) => m.achieved));
  return (
    <Box>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + 30}`}
        width="100%"
        role="img"
        aria-label={t('dashboard.trend')}
        style={{ maxHeight: MAX_HEIGHT }}
      >
        {trend.months.map((m, i) => {
          const h = Math.round((m.achieved / max) * HEIGHT);
          const x = i * (BAR + GAP) + GAP / 2;
          const label = t('dashboard.trendBar', { month: m.month.slice(5), n: formatNumber(m.achieved, lang) });
          return (
            <g key={m.month} data-month={m.month} data-achieved={m.achieved}>
              <title>{label}</title>
              <rect
                x={x}
                y={HEIGHT - h + 12}
                width={BAR}
                height={Math.max(h, m.achieved > 0 ? 1 : 0)}
                rx={2}
                fill="var(--mantine-color-blue-6)"
              />
              {m.achieved > 0 && (
                <text x={x + BAR / 2} y={HEIGHT - h + 9} fontSize={8} textAnchor="middle" fill="currentColor">
                  {m.achieved >= 1000 ? `${Math.round(m.achieved / 100) / 10}k` : m.achieved}
                </text>
              )}
              <text x={x + BAR / 2} y={HEIGHT + 26} fontSize={10} textAnchor="middle" fill="currentColor">
                {Number(m.month.slice(5))}
              </text>
            </g>
          );
        })}
        <line x1={0} x2={WIDTH} y1={HEIGHT + 12} y2={HEIGHT + 12} stroke="var(--mantine-color-gray-4)" />
      </svg>
      <Text size="xs" c="dimmed" ta="center">
        {trend.year}
      </Text>
    </Box>
  );
}

/**
 * The dashboards' "trend by month" panel for a unit or a team, one indicator at a time (they count
 * different things): the chosen one, else the first of the page's indicators; nothing without one.
 */
export function TrendPanel({
  subject,
  year,
  indicator,
}: {
  subject: TrendSubject;
  year: number;
  indicator: { code: string; name: string } | null;
}) {
  const t = useT();
  const trend = useTrend(subject, year, indicator?.code ?? null);
  if (!indicator) return null;
  return (
    <Paper withBorder p="sm" radius="md">
      <Title order={2} size="h5">
        {t('dashboard.trendOf', { name: indicator.name })}
      </Title>
      <ErrorAlert error={trend.error} />
      {trend.data ? (
        <TrendChart trend={trend.data} />
      ) : trend.isPending ? (
        // The chart's own size while it loads, so what follows does not jump down when it arrives.
        <Box aria-busy="true">
          <Box style={{ aspectRatio: `${WIDTH} / ${HEIGHT + 30}`, maxHeight: MAX_HEIGHT }} />
          <Text size="xs" c="dimmed" ta="center">
            {year}
          </Text>
        </Box>
      ) : null}
    </Paper>
  );
}
