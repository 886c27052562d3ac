import { Anchor, Badge, Breadcrumbs, Button, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe, userCan } from '../auth/session.ts';
import { personalDataReadsHref } from '../audit/personal-data-reads-api.ts';
import { OfficialsSection } from '../officials/OfficialsSection.tsx';
import { reorganisationHref } from '../reorganisation/reorganisation-api.ts';
import { settingsHref } from '../settings/settings-api.ts';
import { Mau2DownloadButton } from '../teams/DownloadButtons.tsx';
import { coverageHref } from '../teams/labels.ts';
import { TeamsSection } from '../teams/TeamsSection.tsx';
import { ChildrenTable } from './ChildrenTable.tsx';
import { levelLabel, structureLabel, unitHref } from './labels.ts';
import { SuccessorsSection } from './SuccessorsSection.tsx';
import { useUnit, type OrgUnitDetail } from './units-api.ts';
import { VillagesSection } from './VillagesSection.tsx';
import { UnitRoute } from './UnitRoute.tsx';
import { formatDate } from '../../../shared/dates.ts';

function UnitBreadcrumbs({ unit, structure }: { unit: OrgUnitDetail; structure: Structure }) {
  const t = useT();
  const rootHref = structure === 'current' ? '/units' : `/units?structure=${structure}`;
  return (
    <Breadcrumbs separatorMargin={4} style={{ flexWrap: 'wrap' }} aria-label="breadcrumb">
      <Anchor component={Link} href={rootHref} size="sm">
        {t('unit.country')}
      </Anchor>
      {unit.ancestors.map((a) => (
        <Anchor key={a.code} component={Link} href={unitHref(structure, a.code)} size="sm">
          {a.name}
        </Anchor>
      ))}
      <Text size="sm" aria-current="page">
        {unit.name}
      </Text>
    </Breadcrumbs>
  );
}

function UnitHeader({ unit }: { unit: OrgUnitDetail }) {
  const t = useT();
  return (
    <Stack gap={4}>
      <Title order={1} size="h2">
        {unit.name}
      </Title>
      <Group gap="xs">
        <Badge variant="light" tt="none">
          {unit.type}
        </Badge>
        <Badge variant="outline" color="gray">
          {levelLabel(t, unit.level)}
        </Badge>
        <Badge variant="outline" color="gray">
          {structureLabel(t, unit.structure)}
        </Badge>
        {unit.retiredAt && <Badge color="gray">{t('unit.retiredAt', { date: formatDate(unit.retiredAt) })}</Badge>}
      </Group>
      <Text size="sm" c="dimmed">
        {t('unit.codeLabel', { code: unit.code })}
      </Text>
    </Stack>
  );
}

function UpperUnitTools({ structure, unit }: { structure: Structure; unit: OrgUnitDetail }) {
  const t = useT();
  const user = useMe().data ?? null;
  return (
    <Group gap="xs" align="flex-start">
      <Button component={Link} href={coverageHref(structure, unit.code)} variant="light">
        {t('coverage.link')}
      </Button>
      {userCan(user, 'person.read') && (
        <Mau2DownloadButton
          structure={structure}
          unit={unit.code}
          isAboveCommune={unit.level === 'province' || unit.level === 'district'}
        />
      )}
      {userCan(user, 'audit.read') && (
        <Button component={Link} href={personalDataReadsHref(structure, unit.code)} variant="default">
          {t('personalDataReads.link')}
        </Button>
      )}
      {unit.level === 'province' && (
        <Button component={Link} href={settingsHref(structure, unit.code)} variant="default">
          {t('settings.link')}
        </Button>
      )}
    </Group>
  );
}

function UnitView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const unit = useUnit(structure, code);
  const user = useMe().data ?? null;
  if (unit.isPending) return <PageLoader />;
  if (unit.isError) return <ErrorAlert error={unit.error} />;
  const u = unit.data;
  const isCommune = u.level === 'commune';
  return (
    <Stack gap="md">
      <UnitBreadcrumbs unit={u} structure={structure} />
      <UnitHeader unit={u} />
      {user && (u.level === 'province' || u.level === 'district') && <UpperUnitTools structure={structure} unit={u} />}
      {user && structure === 'current' && (u.level === 'province' || (isCommune && userCan(user, 'team.manage'))) && (
        <Group>
          <Button component={Link} href={reorganisationHref(u.code)} variant="light" color="teal">
            {t('reorg.link')}
          </Button>
        </Group>
      )}
      {u.level !== 'commune' && u.level !== 'village' && <ChildrenTable structure={structure} code={u.code} />}
      {isCommune && user && <TeamsSection key={`teams-${structure}-${u.code}`} structure={structure} code={u.code} />}
      {isCommune && user && <Divider />}
      {isCommune && userCan(user, 'person.read') && (
        <OfficialsSection key={`officials-${structure}-${u.code}`} structure={structure} code={u.code} />
      )}
      {isCommune && userCan(user, 'person.read') && <Divider />}
      {isCommune && <VillagesSection key={`${structure}-${u.code}`} structure={structure} code={u.code} />}
      {isCommune && structure === 'legacy' && (
        <>
          <Divider />
          <SuccessorsSection code={u.code} />
        </>
      )}
    </Stack>
  );
}

/** Unit page `/units/:structure/:code`: breadcrumb, identity, coverage/Mẫu 2/settings tools, children, teams, officials and villages (communes), successors (legacy communes). */
export function UnitPage() {
  return <UnitRoute view={UnitView} />;
}
