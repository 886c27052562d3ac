import { useState } from 'react';
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { Activity, Indicator } from '../../../shared/schemas/activities.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useDeleteActivity } from './activities-api.ts';
import { ActivityForm } from './ActivityForm.tsx';
import { formatDate } from '../../../shared/dates.ts';

/** "Sửa" (the activity form in a modal) and "Xóa" (with a confirmation) for whoever may edit the activity. */
export function OwnerActions({ activity, indicators }: { activity: Activity; indicators: Indicator[] }) {
  const t = useT();
  const remove = useDeleteActivity();
  const [mode, setMode] = useState<'edit' | 'delete' | null>(null);
  const isPhone = useMediaQuery('(max-width: 36em)') ?? false;
  const close = () => setMode(null);
  const open = (m: 'edit' | 'delete') => {
    remove.reset();
    setMode(m);
  };
  return (
    <>
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={() => open('edit')}>
          {t('activities.edit')}
        </Button>
        <Button size="xs" variant="subtle" color="red" onClick={() => open('delete')}>
          {t('activities.delete')}
        </Button>
      </Group>
      <Modal opened={mode === 'edit'} onClose={close} title={t('activities.editTitle')} size="lg" fullScreen={isPhone} centered>
        {mode === 'edit' && <ActivityForm key={activity.id} activity={activity} indicators={indicators} onDone={close} />}
      </Modal>
      <Modal opened={mode === 'delete'} onClose={close} title={t('activities.deleteTitle')} centered>
        <Stack gap="sm">
          <Text size="sm">{t('activities.deleteConfirm', { team: activity.teamName, date: formatDate(activity.date) })}</Text>
          <ErrorAlert error={remove.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate(activity.id, { onSuccess: close })}>
              {t('activities.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
