import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useSearch } from 'wouter';
import { oneTimeLoginSchema, passwordResetRequestSchema, type User } from '../../../shared/schemas/accounts.ts';
import { apiFetch } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSchemaCheck } from '../../components/use-schema-check.ts';
import { useT } from '../../i18n.ts';
import { ME_KEY } from './session.ts';

function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="lg" radius="md" w="100%" maw={420}>
        <Stack>
          <Title order={1} size="h3">
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

/** "Quên mật khẩu": asks for a reset link; the answer is the same whether or not the account exists. */
export function ForgotPasswordPage() {
  const t = useT();
  const [login, setLogin] = useState('');
  const loginCheck = useSchemaCheck(passwordResetRequestSchema);
  const request = useMutation({
    mutationFn: (body: { login: string }) =>
      apiFetch<{ message: string }>('/api/auth/password-reset', { method: 'POST', body, quiet: true }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = loginCheck.check({ login });
    if (body) request.mutate(body);
  };
  return (
    <Card title={t('recovery.title')}>
      <Text size="sm">{t('recovery.intro')}</Text>
      <ErrorAlert error={request.error} />
      {request.data ? (
        <Alert color="green" variant="light" role="status">
          {request.data.message}
        </Alert>
      ) : (
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <TextInput
              label={t('recovery.login')}
              autoComplete="username"
              autoCapitalize="none"
              value={login}
              onChange={(e) => setLogin(e.currentTarget.value)}
              error={loginCheck.errors.login}
            />
            <Button type="submit" loading={request.isPending} fullWidth>
              {t('recovery.send')}
            </Button>
          </Stack>
        </form>
      )}
      <Anchor component={Link} href="/login" size="sm">
        {t('recovery.back')}
      </Anchor>
    </Card>
  );
}

/** The e-mailed link `/reset-password?token=…`: a new password, then signed in (the link works once). */
export function ResetPasswordPage() {
  const t = useT();
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  const token = new URLSearchParams(useSearch()).get('token');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [isMismatch, setMismatch] = useState(false);
  const { errors, check } = useSchemaCheck(oneTimeLoginSchema);
  const redeem = useMutation({
    mutationFn: (body: { token: string; newPassword: string }) =>
      apiFetch<{ user: User }>('/api/auth/one-time-login', { method: 'POST', body, quiet: true }),
    onSuccess: ({ user }) => {
      qc.clear();
      qc.setQueryData(ME_KEY, user);
      navigate('/', { replace: true });
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!token) return;
    const body = check({ token, newPassword: next });
    setMismatch(Boolean(body) && next !== confirm);
    if (body && next === confirm) redeem.mutate({ token, newPassword: body.newPassword });
  };
  return (
    <Card title={t('recovery.newTitle')}>
      {!token && <ErrorAlert error={new Error(t('recovery.noToken'))} />}
      {errors.token && <ErrorAlert error={new Error(errors.token)} />}
      <ErrorAlert error={redeem.error} />
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <PasswordInput
            label={t('pw.new')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={errors.newPassword}
          />
          <PasswordInput
            label={t('pw.confirm')}
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            error={isMismatch ? t('pw.mismatch') : undefined}
          />
          <Button type="submit" loading={redeem.isPending} disabled={!token} fullWidth>
            {t('recovery.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
