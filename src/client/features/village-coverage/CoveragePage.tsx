import { Anchor, Breadcrumbs, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { CoverageRow } from '../../../shared/schemas/coverage.ts';
import { buildUrl } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useDownload } from '../../download.ts';
import { useT } from '../../i18n.ts';
import { coverageHref } from '../teams/labels.ts';
import { useCoverage } from '../teams/teams-api.ts';
import { structureLabel, unitHref } from '../units/labels.ts';
import { useUnit } from '../units/units-api.ts';
import { UnitRoute } from '../units/UnitRoute.tsx';
import { PdfButton } from '../../components/PdfButton.tsx';
import { useMe, userCan } from '../auth/session.ts';
import { VillageListImport } from './VillageListImport.tsx';

/** Where a row leads: the child's coverage, or the commune's unit page for villages (and the commune's own row). */
function rowHref(structure: Structure, unit: CoverageRow, row: CoverageRow): string {
  if (row.level === 'village' || row.code === unit.code) {
    const commune = unit.level === 'commune' ? unit.code : row.code;
    return unitHref(structure, commune);
  }
  return coverageHref(structure, row.code);
}

/** A commune that declared no village list: its villages are not counted, it is not covered. */
function isUndeclaredCommune(row: CoverageRow): boolean {
  return row.level === 'commune' && row.communesWithoutVillageList > 0;
}

/** The last column: a commune's declaration, or how many communes of a larger unit have not declared. */
function DeclarationCell({ row }: { row: CoverageRow }) {
  const t = useT();
  if (row.level === 'village') return <Table.Td />;
  if (row.level === 'commune') {
    return (
      <Table.Td c={isUndeclaredCommune(row) ? 'red.8' : undefined}>{isUndeclaredCommune(row) ? t('coverage.undeclared') : '✓'}</Table.Td>
    );
  }
  return <Table.Td c={row.communesWithoutVillageList > 0 ? 'red.8' : undefined}>{row.communesWithoutVillageList}</Table.Td>;
}

function Cells({ row }: { row: CoverageRow }) {
  const missing = row.villagesWithoutTeam > 0;
  return (
    <>
      <Table.Td>{row.villages}</Table.Td>
      <Table.Td>{row.villagesCovered}</Table.Td>
      <Table.Td c={missing ? 'red.8' : undefined} fw={missing ? 700 : undefined}>
        {row.villagesWithoutTeam}
      </Table.Td>
      <Table.Td>{row.teams}</Table.Td>
      <Table.Td>{row.members}</Table.Td>
      <Table.Td c={row.teamsWithoutLeader > 0 ? 'orange.9' : undefined}>{row.teamsWithoutLeader}</Table.Td>
      <Table.Td c={row.teamsWithWarnings > 0 ? 'yellow.9' : undefined}>{row.teamsWithWarnings}</Table.Td>
      <DeclarationCell row={row} />
    </>
  );
}

function CoverageTable({ structure, unit, rows }: { structure: Structure; unit: CoverageRow; rows: CoverageRow[] }) {
  const t = useT();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover withTableBorder aria-label={t('coverage.tableLabel', { name: unit.name })}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('coverage.unit')}</Table.Th>
            <Table.Th>{t('coverage.villages')}</Table.Th>
            <Table.Th>{t('coverage.covered')}</Table.Th>
            <Table.Th>{t('coverage.uncovered')}</Table.Th>
            <Table.Th>{t('coverage.teams')}</Table.Th>
            <Table.Th>{t('coverage.members')}</Table.Th>
            <Table.Th>{t('coverage.noLeader')}</Table.Th>
            <Table.Th>{t('coverage.withWarnings')}</Table.Th>
            <Table.Th>{t('coverage.communesCol')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr fw={700} bg="blue.0">
            <Table.Td>
              {t('coverage.total')}: {unit.name}
            </Table.Td>
            <Cells row={unit} />
          </Table.Tr>
          {rows.map((row) => {
            const bare = (row.level === 'village' && row.teams === 0) || (isUndeclaredCommune(row) && row.code !== unit.code);
            return (
              <Table.Tr key={`${row.level}-${row.code}`} bg={bare ? 'red.0' : undefined} data-uncovered={bare || undefined}>
                <Table.Td>
                  <Anchor component={Link} href={rowHref(structure, unit, row)} c={bare ? 'red.9' : undefined}>
                    {row.name}
                  </Anchor>
                  {bare && (
                    <Text span size="xs" c="red.9">
                      {' '}
                      ({row.level === 'village' ? t('coverage.noTeam') : t('coverage.undeclared')})
                    </Text>
                  )}
                </Table.Td>
                <Cells row={row} />
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CoverageBreadcrumbs({ structure, code }: { structure: Structure; code: string }) {
  const unit = useUnit(structure, code);
  if (!unit.data || unit.data.ancestors.length === 0) return null;
  return (
    <Breadcrumbs separatorMargin={4} style={{ flexWrap: 'wrap' }} aria-label="breadcrumb">
      {unit.data.ancestors.map((a) => (
        <Anchor key={a.code} component={Link} href={coverageHref(structure, a.code)} size="sm">
          {a.name}
        </Anchor>
      ))}
      <Text size="sm" aria-current="page">
        {unit.data.name}
      </Text>
    </Breadcrumbs>
  );
}

function CoverageView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const coverage = useCoverage(structure, code);
  const canManageVillages = userCan(useMe().data ?? null, 'village.manage');
  const dl = useDownload();
  const name = coverage.data?.unit.name ?? code;
  return (
    <Stack gap="md">
      <CoverageBreadcrumbs structure={structure} code={code} />
      <Title order={1} size="h2">
        {t('coverage.title', { name })}
      </Title>
      <Group gap="xs" justify="space-between">
        <Text size="sm" c="dimmed">
          {structureLabel(t, structure)}
        </Text>
        <Group gap="xs">
          <Anchor component={Link} href={unitHref(structure, code)} size="sm">
            {t('coverage.unitPage')}
          </Anchor>
          <Button
            variant="light"
            loading={dl.pending}
            onClick={() => void dl.run(buildUrl('/api/coverage.xlsx', { unit: code, structure }), `do-phu-${code}.xlsx`)}
          >
            {t('coverage.export')}
          </Button>
          <PdfButton
            url={buildUrl('/api/coverage.xlsx', { unit: code, structure })}
            fileName={`do-phu-${code}.pdf`}
            label={t('downloads.doc.coverage')}
          />
        </Group>
      </Group>
      <ErrorAlert error={dl.error} />
      {coverage.isPending && <PageLoader />}
      <ErrorAlert error={coverage.error} />
      {coverage.data && coverage.data.unit.level !== 'commune' && coverage.data.unit.communesWithoutVillageList > 0 && (
        <Text c="red.8" size="sm">
          {t('coverage.undeclaredCommunes', { n: coverage.data.unit.communesWithoutVillageList })}
        </Text>
      )}
      {coverage.data && coverage.data.unit.level === 'commune' && isUndeclaredCommune(coverage.data.unit) && (
        <Text c="red.8" size="sm">
          {t('villageList.undeclaredText')}
        </Text>
      )}
      {coverage.data && <CoverageTable structure={structure} unit={coverage.data.unit} rows={coverage.data.rows} />}
      {canManageVillages && coverage.data && coverage.data.unit.level !== 'village' && (
        <VillageListImport structure={structure} unit={code} />
      )}
      {coverage.data && coverage.data.rows.length === 0 && <Text c="dimmed">{t('common.noData')}</Text>}
    </Stack>
  );
}

/** Coverage page `/coverage/:structure/:code`: villages with and without a team, drilling down the unit tree. */
export function CoveragePage() {
  return <UnitRoute view={CoverageView} />;
}
