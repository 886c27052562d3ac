import { useState, type FormEvent } from 'react';
import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { VILLAGE_TYPES, villageCreateSchema, type Structure } from '../../../shared/schemas/org-units.ts';
import { useSchemaCheck } from '../../components/use-schema-check.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useCreateVillage } from './units-api.ts';

/** "Thêm thôn/ấp" form: type (default ấp) and name, POSTed under the commune. */
export function AddVillageForm({ structure, communeCode }: { structure: Structure; communeCode: string }) {
  const t = useT();
  const create = useCreateVillage(structure, communeCode);
  const [type, setType] = useState<string>('ấp');
  const [name, setName] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const { errors, check } = useSchemaCheck(villageCreateSchema);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = check({ type, name });
    if (!body) return;
    setAdded(null);
    create.mutate(body, {
      onSuccess: (unit) => {
        setAdded(unit.name);
        setName('');
      },
    });
  };

  return (
    <Paper withBorder p="sm" radius="sm" component="form" onSubmit={onSubmit}>
      <Stack gap="xs">
        <Title order={3} size="h5">
          {t('villages.add')}
        </Title>
        <ErrorAlert error={create.error} />
        {added && (
          <Text size="sm" c="green.8" role="status">
            {t('villages.added', { name: added })}
          </Text>
        )}
        <Group align="flex-end" gap="xs" wrap="wrap">
          <Select
            label={t('villages.type')}
            data={[...VILLAGE_TYPES]}
            value={type}
            onChange={(v) => setType(v ?? 'ấp')}
            error={errors.type}
            allowDeselect={false}
            w={{ base: '100%', xs: 160 }}
          />
          <TextInput
            label={t('villages.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            style={{ flex: '1 1 200px' }}
          />
          <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
            {t('villages.submit')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
