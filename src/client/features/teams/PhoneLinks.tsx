import { Anchor, Badge, Group, Text } from '@mantine/core';
import { useT } from '../../i18n.ts';
import { phoneLinks } from './labels.ts';

/** A phone number as "0912 345 678" with a call link, a Zalo chat link (new tab) and a Zalo badge. */
export function PhoneLinks({ phone, isZalo, name }: { phone: string | null; isZalo: boolean; name: string }) {
  const t = useT();
  if (!phone)
    return (
      <Text span c="dimmed">
        —
      </Text>
    );
  const links = phoneLinks(phone);
  return (
    <Group gap={6} wrap="wrap">
      <Anchor href={links.tel} title={t('phone.call', { name, phone: links.display })} style={{ whiteSpace: 'nowrap' }}>
        {links.display}
      </Anchor>
      {links.zalo && (
        <Anchor
          href={links.zalo}
          target="_blank"
          rel="noopener noreferrer"
          aria-label={`Zalo ${links.display}`}
          title={t('phone.zaloChat', { name })}
          size="sm"
        >
          Zalo
        </Anchor>
      )}
      {isZalo && (
        <Badge size="xs" color="blue" variant="light" tt="none">
          {t('phone.zaloBadge')}
        </Badge>
      )}
    </Group>
  );
}
