import { useState, type FormEvent } from 'react';
import { Anchor, Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { Link, useLocation, useSearch } from 'wouter';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LanguageSwitch } from '../../components/LanguageSwitch.tsx';
import { useT } from '../../i18n.ts';
import { safeNext, useLogin } from './session.ts';

/** Username/password form; shows the server's message (wrong credentials, rate limit…). */
export function LoginPage() {
  const t = useT();
  const login = useLogin();
  const search = useSearch();
  const [, navigate] = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setMissing(true);
      return;
    }
    setMissing(false);
    login.mutate(
      { username: username.trim(), password },
      {
        onSuccess: ({ user }) => navigate(user.mustChangePassword ? '/change-password' : safeNext(search), { replace: true }),
      },
    );
  };

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper withBorder shadow="sm" p="lg" radius="md" w="100%" maw={400}>
        <form onSubmit={onSubmit} noValidate>
          <Stack>
            <Group justify="space-between" wrap="nowrap">
              <Title order={1} size="h2" c="blue.8">
                {t('app.name')}
              </Title>
              <LanguageSwitch />
            </Group>
            <Text c="dimmed" size="sm">
              {t('login.subtitle')}
            </Text>
            <Title order={2} size="h4">
              {t('login.title')}
            </Title>
            {missing && <ErrorAlert error={new Error(t('login.required'))} />}
            <ErrorAlert error={login.error} />
            <TextInput
              label={t('login.username')}
              name="username"
              autoComplete="username"
              autoCapitalize="none"
              autoFocus
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('login.password')}
              name="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={login.isPending} fullWidth>
              {t('login.submit')}
            </Button>
            <Anchor component={Link} href="/forgot-password" size="sm">
              {t('recovery.forgot')}
            </Anchor>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
