import { Alert, Button, Code, CopyButton, Group, Modal, Stack } from '@mantine/core';
import { useT } from '../../i18n.ts';

/** Shows a generated password exactly once, with a copy button. */
export function PasswordRevealModal({ username, password, onClose }: { username: string; password: string | null; onClose: () => void }) {
  const t = useT();
  return (
    <Modal opened={password !== null} onClose={onClose} title={t('users.newPasswordTitle', { username })} centered>
      <Stack>
        <Alert color="yellow" variant="light">
          {t('users.newPasswordNote')}
        </Alert>
        <Code block fz="lg" ta="center" data-testid="generated-password">
          {password}
        </Code>
        <Group justify="flex-end">
          <CopyButton value={password ?? ''}>
            {({ copied, copy }) => (
              <Button color={copied ? 'teal' : 'blue'} onClick={copy}>
                {copied ? t('common.copied') : t('common.copy')}
              </Button>
            )}
          </CopyButton>
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
