import { Alert, Anchor, Badge, Group, List, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'wouter';
import type { Activity, Indicator } from '../../../shared/schemas/activities.ts';
import { useLang, useT } from '../../i18n.ts';
import { indicatorName } from '../indicators/labels.ts';
import { teamHref } from '../teams/labels.ts';
import { STATUS_COLORS, statusLabel, valueLine } from './labels.ts';
import { OwnerActions } from './OwnerActions.tsx';
import { PhotoThumbs } from './PhotoLightbox.tsx';
import { ReviewActions } from './ReviewActions.tsx';
import { formatDate, formatDateTime } from '../../../shared/dates.ts';

function hostOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

/** One activity of the feed: team, village, date, values, description, news links, photos, status and the allowed actions. */
export function ActivityCard({ activity, indicators }: { activity: Activity; indicators: Indicator[] }) {
  const t = useT();
  const lang = useLang();
  const a = activity;
  const day = formatDate(a.date);
  const alt = (n: number) => t('activities.photoAlt', { n, team: a.teamName, date: day });
  return (
    <Paper withBorder p="sm" radius="md" component="article" aria-label={`${a.teamName} — ${day}`} data-status={a.status}>
      <Stack gap={8}>
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Anchor component={Link} href={teamHref(a.teamId)} fw={600} lineClamp={2}>
              {a.teamName}
            </Anchor>
            <Text size="sm" c="dimmed">
              {[a.villageName, day].filter(Boolean).join(' · ')}
            </Text>
          </Stack>
          <Badge tt="none" color={STATUS_COLORS[a.status]} variant="light" style={{ flexShrink: 0 }}>
            {statusLabel(t, a.status)}
          </Badge>
        </Group>
        <List size="sm" spacing={2} listStyleType="disc">
          {a.values.map((v) => {
            const known = indicators.find((i) => i.code === v.indicator);
            return <List.Item key={v.indicator}>{valueLine(known ? { ...v, name: indicatorName(known, lang) } : v, lang)}</List.Item>;
          })}
        </List>
        {a.description && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {a.description}
          </Text>
        )}
        {a.links.length > 0 && (
          <Stack gap={2} aria-label={t('activities.links')}>
            {a.links.map((url) => (
              <Anchor
                key={url}
                href={url}
                target="_blank"
                rel="noopener noreferrer nofollow"
                size="sm"
                style={{ overflowWrap: 'anywhere' }}
              >
                {hostOf(url)}
              </Anchor>
            ))}
          </Stack>
        )}
        <PhotoThumbs photos={a.photos} alt={alt} />
        {a.status === 'returned' && a.reviewComment && (
          <Alert color="red" variant="light" title={t('activities.returnComment')} p="xs">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {a.reviewComment}
            </Text>
          </Alert>
        )}
        <Group justify="space-between" gap="xs" align="center">
          <Text size="xs" c="dimmed">
            {a.createdByName ? `${t('activities.loggedBy', { name: a.createdByName })} · ` : ''}
            {formatDateTime(a.createdAt)}
          </Text>
          <Group gap="xs">
            {a.canReview && <ReviewActions activity={a} />}
            {a.canEdit && <OwnerActions activity={a} indicators={indicators} />}
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
