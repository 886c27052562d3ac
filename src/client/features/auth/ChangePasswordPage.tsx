import { useState, type FormEvent } from 'react';
import { Alert, Button, Paper, PasswordInput, Stack, Title } from '@mantine/core';
import { useLocation } from 'wouter';
import { changePasswordBodySchema } from '../../../shared/schemas/accounts.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSchemaCheck } from '../../components/use-schema-check.ts';
import { useT } from '../../i18n.ts';
import { useChangePassword, useMe } from './session.ts';

/** Current / new / confirm password form; forced when the account must change its password. */
export function ChangePasswordPage() {
  const t = useT();
  const me = useMe();
  const change = useChangePassword();
  const [, navigate] = useLocation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [isMismatch, setMismatch] = useState(false);
  const { errors, check } = useSchemaCheck(changePasswordBodySchema);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = check({ currentPassword: current, newPassword: next });
    setMismatch(Boolean(body) && next !== confirm);
    if (!body || next !== confirm) return;
    change.mutate(body, { onSuccess: () => navigate('/', { replace: true }) });
  };

  return (
    <Paper withBorder p="lg" radius="md" maw={440} mx="auto">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={1} size="h3">
            {t('pw.title')}
          </Title>
          {me.data?.mustChangePassword && (
            <Alert color="yellow" variant="light">
              {t('pw.mustChange')}
            </Alert>
          )}
          <ErrorAlert error={change.error} />
          <PasswordInput
            label={t('pw.current')}
            autoComplete="current-password"
            required
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={errors.currentPassword}
          />
          <PasswordInput
            label={t('pw.new')}
            autoComplete="new-password"
            required
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.newPassword}
          />
          <PasswordInput
            label={t('pw.confirm')}
            autoComplete="new-password"
            required
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={isMismatch ? t('pw.mismatch') : undefined}
          />
          <Button type="submit" loading={change.isPending}>
            {t('pw.submit')}
          </Button>
        </Stack>
      </form>
    </Paper>
  );
}
