import { useEffect, useMemo, useState } from 'react';
import { Anchor, Badge, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { Link, useSearchParams } from 'wouter';
import type { OrgUnit, Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { levelLabel, unitHref } from './labels.ts';
import { StructureSwitch } from './StructureSwitch.tsx';
import { isStructure, useUnitSearch, useUnitsByLevel } from './units-api.ts';

function UnitResult({ unit, province }: { unit: OrgUnit; province: string | undefined }) {
  const t = useT();
  return (
    <Paper withBorder p="sm" radius="sm" component="li">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={2}>
          <Anchor component={Link} href={unitHref(unit.structure, unit.code)} fw={600}>
            {unit.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {unit.type} · {t('units.code')} {unit.code}
            {province && unit.level !== 'province' ? ` · ${t('units.in', { parent: province })}` : ''}
          </Text>
        </Stack>
        <Badge variant="light" color={unit.level === 'province' ? 'blue' : unit.level === 'district' ? 'grape' : 'teal'}>
          {levelLabel(t, unit.level)}
        </Badge>
      </Group>
    </Paper>
  );
}

function ProvinceGrid({ provinces, structure }: { provinces: OrgUnit[]; structure: Structure }) {
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {provinces.map((p) => (
        <Paper key={p.code} withBorder p="sm" radius="sm" component="li">
          <Anchor component={Link} href={unitHref(structure, p.code)} fw={600}>
            {p.name}
          </Anchor>
          <Text size="xs" c="dimmed">
            {p.type} · {p.code}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function SearchResults({ structure, q, provinceNames }: { structure: Structure; q: string; provinceNames: Map<string, string> }) {
  const t = useT();
  const search = useUnitSearch(structure, q);
  if (search.isPending) return <PageLoader />;
  if (search.isError) return <ErrorAlert error={search.error} />;
  const { items, total } = search.data;
  return (
    <Stack gap="xs" aria-live="polite">
      <Group gap="xs">
        <Title order={2} size="h4">
          {t('units.results')}
        </Title>
        {search.isFetching && <Loader size="xs" />}
      </Group>
      {items.length === 0 ? (
        <Text c="dimmed">{t('units.noResults')}</Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            {t('units.shown', { shown: items.length, total })}
          </Text>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((u) => (
              <UnitResult key={u.code} unit={u} province={provinceNames.get(u.provinceCode)} />
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}

/** Units browser: structure switch, debounced search, and the list of provinces when there is no query. */
export function UnitsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const structureParam = params.get('structure');
  const structure: Structure = isStructure(structureParam) ? structureParam : 'current';
  const [text, setText] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(text.trim(), 300);
  const provinces = useUnitsByLevel(structure, 'province');
  const provinceNames = useMemo(() => new Map((provinces.data?.items ?? []).map((p) => [p.code, p.name] as const)), [provinces.data]);

  useEffect(() => {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debounced) next.set('q', debounced);
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debounced, setParams]);

  const setStructure = (s: Structure) =>
    setParams((prev) => {
      const next = new URLSearchParams(prev);
      if (s === 'current') next.delete('structure');
      else next.set('structure', s);
      return next;
    });

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('units.title')}
      </Title>
      <StructureSwitch value={structure} onChange={setStructure} />
      <TextInput
        type="search"
        label={t('units.search')}
        placeholder={t('units.search')}
        description={t('units.searchHint')}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        rightSection={debounced !== text.trim() ? <Loader size="xs" /> : null}
      />
      {debounced ? (
        <SearchResults structure={structure} q={debounced} provinceNames={provinceNames} />
      ) : (
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('units.provinces')}
            {provinces.data ? ` (${provinces.data.total})` : ''}
          </Title>
          {provinces.isPending && <PageLoader />}
          <ErrorAlert error={provinces.error} />
          {provinces.data && <ProvinceGrid provinces={provinces.data.items} structure={structure} />}
        </Stack>
      )}
    </Stack>
  );
}
