import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import type { Official } from '../../../shared/schemas/officials.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { OfficialFormModal } from './OfficialFormModal.tsx';
import { useDeleteOfficial } from './officials-api.ts';

interface OfficialActionsProps {
  official: Official;
  structure: Structure;
  communeCode: string;
}

/** Per-official buttons "Sửa" (modal form) and "Xóa" (asks for confirmation first). */
export function OfficialActions({ official, structure, communeCode }: OfficialActionsProps) {
  const t = useT();
  const remove = useDeleteOfficial(structure, communeCode);
  const [mode, setMode] = useState<'edit' | 'delete' | null>(null);
  const name = official.fullName;
  const close = () => setMode(null);
  const openDelete = () => {
    remove.reset();
    setMode('delete');
  };

  return (
    <>
      <Group gap={4} wrap="nowrap">
        <Button size="compact-xs" variant="light" onClick={() => setMode('edit')} aria-label={`${t('officials.edit')}: ${name}`}>
          {t('officials.edit')}
        </Button>
        <Button size="compact-xs" variant="light" color="red" onClick={openDelete} aria-label={`${t('officials.delete')}: ${name}`}>
          {t('officials.delete')}
        </Button>
      </Group>
      <OfficialFormModal opened={mode === 'edit'} onClose={close} structure={structure} communeCode={communeCode} official={official} />
      <Modal opened={mode === 'delete'} onClose={close} title={t('officials.deleteTitle')} centered>
        <Stack gap="sm">
          <ErrorAlert error={remove.error} />
          <Text size="sm">{t('officials.deleteConfirm', { name })}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(official.id, { onSuccess: close })}>
              {t('officials.deleteSubmit')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
