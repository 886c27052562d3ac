import { useEffect, useState } from 'react';
import { Anchor, Button, Code, CopyButton, Group, Image, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import QRCode from 'qrcode';
import type { LoginCode } from '../../../shared/schemas/accounts.ts';
import { apiFetch } from '../../api.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { formatDateTime } from '../../../shared/dates.ts';
import { phoneLinks } from '../teams/labels.ts';

/** The code, its QR code and the message to send the member (copy, share sheet, or a Zalo chat). */
function Issued({ grant }: { grant: LoginCode }) {
  const t = useT();
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    void QRCode.toDataURL(grant.url, { width: 240, margin: 1 }).then(setQr, () => setQr(null));
  }, [grant.url]);
  const time = formatDateTime(grant.expiresAt);
  const message = t('loginCode.message', { name: grant.displayName, code: grant.code, username: grant.username, time, url: grant.url });
  const zalo = grant.phone ? phoneLinks(grant.phone) : null;
  return (
    <Stack gap="sm">
      <Text size="sm">{t('loginCode.intro', { time })}</Text>
      <Group gap="xs">
        <Text fw={500}>{t('loginCode.code')}:</Text>
        <Code fz="xl" data-testid="login-code">
          {grant.code}
        </Code>
      </Group>
      {qr && <Image src={qr} alt={t('loginCode.qr')} w={240} h={240} />}
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {message}
      </Text>
      <Group gap="xs">
        <CopyButton value={message}>
          {({ copied, copy }) => (
            <Button color={copied ? 'teal' : 'blue'} onClick={copy}>
              {copied ? t('common.copied') : t('loginCode.copy')}
            </Button>
          )}
        </CopyButton>
        {'share' in navigator && (
          <Button variant="light" onClick={() => void navigator.share({ text: message }).catch(() => undefined)}>
            {t('loginCode.share')}
          </Button>
        )}
        {zalo?.zalo && (
          <Anchor href={zalo.zalo} target="_blank" rel="noopener noreferrer" size="sm">
            {t('loginCode.zalo', { phone: zalo.display })}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}

/** "Cấp mã đăng nhập một lần" for a member with a field account who lost the password (no e-mail needed). */
export function LoginCodeButton({ personId, name }: { personId: string; name: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const issue = useMutation({
    mutationFn: () => apiFetch<LoginCode>(`/api/people/${encodeURIComponent(personId)}/login-code`, { method: 'POST' }),
  });
  return (
    <>
      <Button
        variant="light"
        loading={issue.isPending}
        onClick={() => {
          setOpen(true);
          issue.mutate();
        }}
      >
        {t('loginCode.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('loginCode.title', { name })} centered>
        {issue.data ? <Issued grant={issue.data} /> : <ErrorAlert error={issue.error} />}
      </Modal>
    </>
  );
}
