import { useState, type FormEvent } from 'react';
import { Alert, Button, Checkbox, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { profileUpdateSchema, type Profile } from '../../../shared/schemas/accounts.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useSchemaCheck } from '../../components/use-schema-check.ts';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useT } from '../../i18n.ts';
import { PushButton } from '../notifications/PushButton.tsx';
import { useChannels, useProfile, useUpdateProfile } from './profile-api.ts';

/** The form once the profile is loaded: e-mail, mobile for Zalo, and which channels to use. */
function ProfileForm({ profile }: { profile: Profile }) {
  const t = useT();
  const channels = useChannels();
  const update = useUpdateProfile();
  const [email, setEmail] = useState(profile.email ?? '');
  const [phone, setPhone] = useState(profile.phone ?? '');
  const { errors, check } = useSchemaCheck(profileUpdateSchema);
  const [choices, setChoices] = useState({
    notifyByEmail: profile.notifyByEmail,
    notifyByPush: profile.notifyByPush,
    notifyByZalo: profile.notifyByZalo,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = check({ email: email.trim() || null, phone: phone.trim() || null, ...choices });
    if (body) update.mutate(body);
  };
  const choice = (key: keyof typeof choices, label: string, isOffered: boolean) => (
    <Checkbox
      label={label}
      description={isOffered ? undefined : t('profile.channelOff')}
      checked={choices[key]}
      onChange={(e) => {
        const isChecked = e.currentTarget.checked;
        setChoices((c) => ({ ...c, [key]: isChecked }));
      }}
    />
  );
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <ErrorAlert error={update.error} />
        {update.isSuccess && (
          <Alert color="green" variant="light" role="status">
            {t('profile.saved')}
          </Alert>
        )}
        <TextInput
          type="email"
          label={t('profile.email')}
          description={t('profile.emailHint')}
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={errors.email}
        />
        <TextInput
          type="tel"
          label={t('profile.phone')}
          description={t('profile.phoneHint')}
          value={phone}
          onChange={(e) => setPhone(e.currentTarget.value)}
          error={errors.phone}
        />
        <Text fw={600}>{t('profile.channels')}</Text>
        {choice('notifyByEmail', t('profile.byEmail'), channels.data?.email ?? false)}
        {choice('notifyByPush', t('profile.byPush'), channels.data?.push !== null && channels.data !== undefined)}
        {choice('notifyByZalo', t('profile.byZalo'), channels.data?.zalo ?? false)}
        <PushButton />
        <Button type="submit" loading={update.isPending} w="fit-content">
          {t('profile.save')}
        </Button>
      </Stack>
    </form>
  );
}

/** "Thông tin cá nhân": the signed-in user's e-mail, mobile and notification channels. */
export function ProfilePage() {
  const t = useT();
  const profile = useProfile();
  return (
    <Paper withBorder p="lg" radius="md" maw={560}>
      <Stack>
        <Title order={1} size="h3">
          {t('profile.title')}
        </Title>
        {profile.isPending ? <PageLoader /> : profile.data ? <ProfileForm profile={profile.data} /> : <ErrorAlert error={profile.error} />}
      </Stack>
    </Paper>
  );
}
