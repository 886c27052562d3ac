import { useCallback, useMemo, useState } from 'react';
import { Alert, Anchor, Button, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useDownload } from '../../download.ts';
import { useT } from '../../i18n.ts';
import type { MessageKey } from '../../locales/vi.ts';
import { progressHref } from '../activities/links.ts';
import { UnitLanding } from '../activities/UnitLanding.tsx';
import { useMe } from '../auth/session.ts';
import { useUnit } from '../units/units-api.ts';
import { AppendixImport } from './AppendixImport.tsx';
import { DeadlinesForm } from './DeadlinesForm.tsx';
import { appendixUrl, canSetProvinceTargets, canSetTargets, targetsHref, useSaveTargets, useTargets, type Targets } from './targets-api.ts';
import { draftToUpdate, indexTargets, type TargetsDraft } from './targets-draft.ts';
import { CommuneTargetsTable, TeamTargetsTable } from './TargetsTable.tsx';
import { UnitRoute } from '../units/UnitRoute.tsx';
import { PdfButton } from '../../components/PdfButton.tsx';
import { vnYear } from '../../../shared/dates.ts';

const FIRST_YEAR = 2022;
const ALL = '';

function useYear(): [number, (y: number) => void] {
  const [params, setParams] = useSearchParams();
  const now = vnYear();
  const asked = Number(params.get('year'));
  const year = Number.isInteger(asked) && asked >= 2020 && asked <= now + 1 ? asked : now;
  return [year, (y) => setParams(new URLSearchParams({ year: String(y) }), { replace: true })];
}

/** Communes that have teams, for the team filter; the first one is shown first. */
function communeOptions(data: Targets) {
  const seen = new Map<string, string>();
  for (const team of data.teams) if (!seen.has(team.communeCode)) seen.set(team.communeCode, team.communeName);
  return [...seen].map(([value, label]) => ({ value, label }));
}

interface EditorProps {
  structure: Structure;
  data: Targets;
  isEditable: boolean;
  isProvince: boolean;
}

/** The editable tables and the save bar; the draft lives here and is dropped when the data's year or unit changes. */
function TargetsEditor({ structure, data, isEditable, isProvince }: EditorProps) {
  const t = useT();
  const save = useSaveTargets();
  const stored = useMemo(() => indexTargets(data), [data]);
  const [draft, setDraft] = useState<TargetsDraft>({});
  const [errors, setErrors] = useState<Record<string, MessageKey>>({});
  const [savedCount, setSavedCount] = useState<number | null>(null);
  const options = useMemo(() => communeOptions(data), [data]);
  const [commune, setCommune] = useState<string>(options.length > 1 ? (options[0]?.value ?? ALL) : ALL);
  const onChange = useCallback((key: string, text: string) => {
    setSavedCount(null);
    setDraft((d) => ({ ...d, [key]: text }));
    setErrors((e) => {
      if (!(key in e)) return e;
      const { [key]: _fixed, ...rest } = e;
      return rest;
    });
  }, []);
  const discard = () => {
    setDraft({});
    setErrors({});
  };
  const pending = draftToUpdate(data, stored, draft, structure);
  const teams = commune === ALL ? data.teams : data.teams.filter((team) => team.communeCode === commune);
  const invalid = Object.keys(errors).length;

  const onSave = () => {
    setErrors(pending.errors);
    if (Object.keys(pending.errors).length > 0 || pending.changes === 0) return;
    save.mutate(pending.body, {
      onSuccess: ({ updated }) => {
        setDraft({});
        setSavedCount(updated);
      },
    });
  };
  const tableProps = { data, stored, draft, errors, onChange };

  return (
    <Stack gap="md">
      <Stack gap="xs" component="section" aria-labelledby="communes-title">
        <Title order={2} size="h4" id="communes-title">
          {t('targets.communes')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('targets.communesHint')}
        </Text>
        <CommuneTargetsTable {...tableProps} isEditable={isEditable && isProvince} />
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="teams-title">
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h4" id="teams-title">
            {t('targets.teams')}
          </Title>
          {options.length > 1 && (
            <Select
              label={t('targets.commune')}
              data={[{ value: ALL, label: t('targets.allCommunes') }, ...options]}
              value={commune}
              onChange={(v) => setCommune(v ?? ALL)}
              allowDeselect={false}
              searchable
              w={260}
            />
          )}
        </Group>
        <TeamTargetsTable {...tableProps} teams={teams} isEditable={isEditable} />
      </Stack>
      {isEditable && (
        <Paper withBorder p="sm" radius="sm" pos="sticky" bottom={0} style={{ zIndex: 2 }}>
          <Stack gap="xs">
            {invalid > 0 && (
              <Alert color="red" variant="light" role="alert">
                {t('targets.invalidCells', { n: invalid })}
              </Alert>
            )}
            <ErrorAlert error={save.error} />
            <Group gap="sm">
              <Button onClick={onSave} loading={save.isPending} disabled={Object.keys(draft).length === 0}>
                {t('targets.save')}
              </Button>
              <Button variant="default" onClick={discard} disabled={Object.keys(draft).length === 0 || save.isPending}>
                {t('targets.discard')}
              </Button>
              {pending.changes > 0 && <Text size="sm">{t('targets.changed', { n: pending.changes })}</Text>}
              {savedCount !== null && (
                <Text size="sm" c="green.8" role="status">
                  {t('targets.savedN', { n: savedCount })}
                </Text>
              )}
            </Group>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}

function TargetsView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const user = useMe().data;
  const [year, setYear] = useYear();
  const unit = useUnit(structure, code);
  const targets = useTargets(structure, code, year);
  const download = useDownload();
  const [isImportOpen, setImportOpen] = useState(false);
  const isEditable = canSetTargets(user);
  const isProvince = canSetProvinceTargets(user);
  const years = Array.from({ length: vnYear() + 2 - FIRST_YEAR }, (_, i) => String(FIRST_YEAR + i)).reverse();
  const name = unit.data?.name ?? code;
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Stack gap={2}>
          <Title order={1} size="h2">
            {t('targets.title', { year, name })}
          </Title>
          <Anchor component={Link} href={progressHref(structure, code, year)} size="sm">
            {t('targets.progressLink')} →
          </Anchor>
        </Stack>
        <Group gap="xs" align="flex-end">
          {targets.isFetching && !targets.isPending && <Loader size="xs" />}
          <Select
            label={t('targets.year')}
            data={years}
            value={String(year)}
            onChange={(v) => v && setYear(Number(v))}
            allowDeselect={false}
            w={110}
          />
        </Group>
      </Group>
      <Text size="sm" c="dimmed">
        {t('targets.intro')}
      </Text>
      {!isEditable && (
        <Alert variant="light" color="gray">
          {t('targets.readOnly')}
        </Alert>
      )}
      {isEditable && !isProvince && <Alert variant="light">{t('targets.communeSplit')}</Alert>}
      <Group gap="xs">
        <Button
          variant="light"
          loading={download.pending}
          onClick={() => void download.run(appendixUrl(structure, code, year), `phu-luc-chi-tieu-${code}-${year}.xlsx`)}
        >
          {t('targets.download')}
        </Button>
        <PdfButton
          url={appendixUrl(structure, code, year)}
          fileName={`phu-luc-chi-tieu-${code}-${year}.pdf`}
          label={t('downloads.doc.targets')}
        />
        {isEditable && (
          <Button variant="light" onClick={() => setImportOpen(true)}>
            {t('targets.upload')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={download.error} />
      {targets.isPending && <PageLoader />}
      <ErrorAlert error={targets.error} />
      {targets.data && unit.data && (
        <DeadlinesForm
          key={`${year}-${targets.data.deadlines.completionDeadline}-${targets.data.deadlines.reportDeadline}`}
          structure={structure}
          provinceCode={unit.data.provinceCode}
          deadlines={targets.data.deadlines}
          isEditable={isProvince}
        />
      )}
      {targets.data && targets.data.year === year && (
        <TargetsEditor
          key={`${structure}-${code}-${year}`}
          structure={structure}
          data={targets.data}
          isEditable={isEditable}
          isProvince={isProvince}
        />
      )}
      <AppendixImport structure={structure} unit={code} year={year} opened={isImportOpen} onClose={() => setImportOpen(false)} />
    </Stack>
  );
}

/** Targets page `/targets/:structure/:code?year=`: team and commune targets, deadlines, Excel appendix. */
export function TargetsPage() {
  return <UnitRoute view={TargetsView} />;
}

/** `/targets` without a unit: the user's own unit, or a unit chooser for a national administrator. */
export function TargetsLanding() {
  const t = useT();
  return <UnitLanding title={t('targets.landing')} href={(structure, code) => targetsHref(structure, code)} />;
}
