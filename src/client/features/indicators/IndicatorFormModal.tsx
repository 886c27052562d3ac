import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { indicatorCreateSchema, indicatorUpdateSchema, type Indicator } from '../../../shared/schemas/activities.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLang, useT } from '../../i18n.ts';
import { useCreateIndicator, useUpdateIndicator } from './indicators-api.ts';
import { fieldOptions, unitOptions } from './labels.ts';
import { lengthError } from '../../components/length-error.ts';
import { useSchemaCheck } from '../../components/use-schema-check.ts';

interface Draft {
  code: string;
  name: string;
  nameEn: string;
  unit: string | null;
  field: string | null;
}

function IndicatorForm({ province, indicator, onDone }: { province: string; indicator?: Indicator; onDone: (code: string) => void }) {
  const t = useT();
  const lang = useLang();
  const create = useCreateIndicator(province);
  const update = useUpdateIndicator();
  const mutation = indicator ? update : create;
  const [draft, setDraft] = useState<Draft>(() => ({
    code: indicator?.code ?? '',
    name: indicator?.name ?? '',
    nameEn: indicator?.nameEn ?? '',
    unit: indicator?.unit ?? null,
    field: indicator?.field ?? null,
  }));
  const createCheck = useSchemaCheck(indicatorCreateSchema);
  const updateCheck = useSchemaCheck(indicatorUpdateSchema);
  const { errors } = indicator ? updateCheck : createCheck;
  const set = (key: keyof Draft) => (value: string | null) =>
    setDraft((d) => ({ ...d, [key]: key === 'code' ? (value ?? '').toUpperCase() : value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (indicator) {
      const body = updateCheck.check({ name: draft.name, nameEn: draft.nameEn, unit: draft.unit, field: draft.field });
      if (body) update.mutate({ id: indicator.id, body }, { onSuccess: () => onDone(indicator.code) });
      return;
    }
    const body = createCheck.check(draft);
    if (body) create.mutate(body, { onSuccess: (created) => onDone(created.code) });
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <ErrorAlert error={mutation.error} />
        <TextInput
          label={t('indicators.code')}
          description={indicator ? undefined : t('indicators.codeHint')}
          value={draft.code}
          onChange={(e) => set('code')(e.currentTarget.value)}
          readOnly={Boolean(indicator)}
          required={!indicator}
          autoCapitalize="characters"
          ff="monospace"
          error={errors.code ?? lengthError(t, t('indicators.code'), draft.code, 40)}
        />
        <TextInput
          label={t('indicators.name')}
          value={draft.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
          required
          error={errors.name ?? lengthError(t, t('indicators.name'), draft.name, 200)}
        />
        <TextInput
          label={t('indicators.nameEn')}
          value={draft.nameEn}
          onChange={(e) => set('nameEn')(e.currentTarget.value)}
          required
          lang="en"
          error={errors.nameEn ?? lengthError(t, t('indicators.nameEn'), draft.nameEn, 200)}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs">
          <Select
            label={t('indicators.unit')}
            data={unitOptions(lang)}
            value={draft.unit}
            onChange={set('unit')}
            required
            comboboxProps={{ withinPortal: true }}
            error={errors.unit}
          />
          <Select
            label={t('indicators.field')}
            data={fieldOptions(lang)}
            value={draft.field}
            onChange={set('field')}
            required
            comboboxProps={{ withinPortal: true }}
            error={errors.field}
          />
        </SimpleGrid>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone('')}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {indicator ? t('common.save') : t('indicators.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface ModalProps {
  province: string;
  /** The indicator to edit; absent to add one. */
  indicator?: Indicator;
  opened: boolean;
  /** Called with the saved code, or '' when cancelled. */
  onClose: (savedCode: string) => void;
}

/** Add (code, names, unit, field) or edit (names, unit, field) a province indicator. */
export function IndicatorFormModal({ province, indicator, opened, onClose }: ModalProps) {
  const t = useT();
  const title = indicator ? t('indicators.renameTitle', { code: indicator.code }) : t('indicators.addTitle');
  return (
    <Modal opened={opened} onClose={() => onClose('')} title={title} centered>
      {opened && <IndicatorForm key={indicator?.id ?? 'new'} province={province} indicator={indicator} onDone={onClose} />}
    </Modal>
  );
}
