import { useState, type FormEvent } from 'react';
import { Alert, Anchor, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link } from 'wouter';
import { roleCan } from '../../../shared/permissions.ts';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { provinceSettingsSchema, type ProvinceSettings } from '../../../shared/schemas/settings.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formLevelError, useSchemaCheck } from '../../components/use-schema-check.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { useMe } from '../auth/session.ts';
import { unitHref } from '../units/labels.ts';
import { useUnit } from '../units/units-api.ts';
import { CompositionFields } from './CompositionFields.tsx';
import { LegalBasesEditor } from './LegalBasesEditor.tsx';
import { useProvinceSettings, useSaveProvinceSettings } from './settings-api.ts';
import { draftErrorsOf, draftFromSettings, settingsFromDraft, type DraftErrors, type SettingsDraft } from './settings-draft.ts';
import { UnitRoute } from '../units/UnitRoute.tsx';
import { lengthError } from '../../components/length-error.ts';

interface SettingsFormProps {
  structure: Structure;
  code: string;
  initial: ProvinceSettings;
  readOnly: boolean;
}

function SettingsForm({ structure, code, initial, readOnly }: SettingsFormProps) {
  const t = useT();
  const save = useSaveProvinceSettings(structure, code);
  const [draft, setDraft] = useState<SettingsDraft>(() => draftFromSettings(initial));
  const [draftErrors, setErrors] = useState<DraftErrors>({});
  const schema = useSchemaCheck(provinceSettingsSchema);
  const errors = { ...draftErrorsOf(schema.errors, draft), ...draftErrors };
  const [saved, setSaved] = useState(false);

  const change = (patch: Partial<SettingsDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (readOnly) return;
    const checked = settingsFromDraft(draft, t);
    setErrors(checked.errors);
    if (!checked.value) {
      schema.clear();
      return;
    }
    const body = schema.check(checked.value);
    if (!body) return;
    setSaved(false);
    save.mutate(body, {
      onSuccess: (s) => {
        setDraft(draftFromSettings(s));
        setSaved(true);
      },
    });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="md">
        <Paper withBorder p="sm" radius="sm" component="section" aria-labelledby="composition-title">
          <Stack gap="sm">
            <Title order={2} size="h4" id="composition-title">
              {t('settings.composition')}
            </Title>
            <CompositionFields value={draft} onChange={change} errors={errors} readOnly={readOnly} />
          </Stack>
        </Paper>
        <Paper withBorder p="sm" radius="sm">
          <Stack gap="md">
            <TextInput
              label={t('settings.departmentName')}
              placeholder={t('settings.departmentExample')}
              value={draft.departmentName}
              onChange={(e) => change({ departmentName: e.currentTarget.value })}
              required={!readOnly}
              readOnly={readOnly}
              error={errors.departmentName ?? lengthError(t, t('settings.departmentName'), draft.departmentName, 200)}
            />
            <LegalBasesEditor value={draft.bases} onChange={(bases) => change({ bases })} errors={errors} readOnly={readOnly} />
          </Stack>
        </Paper>
        {!readOnly && (
          <Stack gap="xs">
            <ErrorAlert
              error={save.error ?? formLevelError(errors, ['maxLeaders', 'maxDeputies', 'village', 'commune', 'departmentName', 'bases'])}
            />
            {saved && (
              <Text c="green.8" fw={500} role="status">
                {t('common.saved')}
              </Text>
            )}
            <Group>
              <Button type="submit" loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </form>
  );
}

function SettingsView({ structure, code }: { structure: Structure; code: string }) {
  const t = useT();
  const unit = useUnit(structure, code);
  const settings = useProvinceSettings(structure, code);
  const user = useMe().data;
  // Admins (no unit) or a settings manager of this province; the server checks again.
  const canManage = Boolean(
    user?.assignments.some((a) => roleCan(a.role, 'settings.manage') && (a.unitCode === null || a.unitCode === code)),
  );
  const name = unit.data?.name ?? code;
  return (
    <Stack gap="md">
      <Anchor component={Link} href={unitHref(structure, code)} size="sm">
        ← {t('settings.backToProvince')}
      </Anchor>
      <Title order={1} size="h2">
        {t('settings.title', { name })}
      </Title>
      {settings.isPending && <PageLoader />}
      <ErrorAlert error={settings.error} />
      {settings.data && !canManage && (
        <Alert color="gray" variant="light">
          {t('settings.readOnly')}
        </Alert>
      )}
      {settings.data && (
        <SettingsForm key={`${structure}-${code}`} structure={structure} code={code} initial={settings.data} readOnly={!canManage} />
      )}
    </Stack>
  );
}

/** Province settings page `/provinces/:structure/:code/settings`: composition rules, department name and Mẫu 1 legal bases (editable with 'settings.manage', read-only otherwise). */
export function ProvinceSettingsPage() {
  return <UnitRoute view={SettingsView} />;
}
