import { useState, type FormEvent } from 'react';
import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { activityReturnSchema, type Activity } from '../../../shared/schemas/activities.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useReturnActivity, useVerifyActivity } from './activities-api.ts';
import { lengthError } from '../../components/length-error.ts';

/** "Xác nhận" and "Trả lại" (a modal asking the comment) for a reviewer. */
export function ReviewActions({ activity }: { activity: Activity }) {
  const t = useT();
  const verify = useVerifyActivity();
  const back = useReturnActivity();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);

  const onReturn = (event: FormEvent) => {
    event.preventDefault();
    const parsed = activityReturnSchema.safeParse({ comment });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? null);
      return;
    }
    back.mutate({ id: activity.id, comment: parsed.data.comment }, { onSuccess: () => setOpen(false) });
  };
  const openReturn = () => {
    back.reset();
    setComment(activity.reviewComment ?? '');
    setError(null);
    setOpen(true);
  };

  return (
    <>
      <Group gap="xs">
        {activity.status !== 'verified' && (
          <Button size="xs" color="green" loading={verify.isPending} onClick={() => verify.mutate(activity.id)}>
            {t('activities.verify')}
          </Button>
        )}
        {activity.status !== 'returned' && (
          <Button size="xs" variant="light" color="red" onClick={openReturn}>
            {t('activities.return')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={verify.error} />
      <Modal opened={open} onClose={() => setOpen(false)} title={t('activities.returnTitle')} centered>
        <form onSubmit={onReturn} noValidate>
          <Stack gap="sm">
            <Text size="sm">{t('activities.returnHint')}</Text>
            <ErrorAlert error={back.error} />
            <Textarea
              label={t('activities.returnComment')}
              value={comment}
              onChange={(e) => {
                setComment(e.currentTarget.value);
                setError(null);
              }}
              autosize
              minRows={3}
              maxRows={8}
              required
              data-autofocus
              error={error ?? lengthError(t, t('activities.returnComment'), comment, 1000)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setOpen(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" color="red" loading={back.isPending}>
                {t('activities.returnSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
