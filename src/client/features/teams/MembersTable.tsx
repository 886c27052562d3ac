import { Anchor, Table, Text } from '@mantine/core';
import { Link } from 'wouter';
import type { Membership } from '../../../shared/schemas/teams.ts';
import { useT } from '../../i18n.ts';
import { personHref } from './labels.ts';
import { MemberActions } from './MemberActions.tsx';
import { PhoneLinks } from './PhoneLinks.tsx';
import { formatDate } from '../../../shared/dates.ts';

/** Role label plus title, e.g. "Tổ trưởng · Trưởng ấp". */
export function RoleText({ role, title }: Pick<Membership, 'role' | 'title'>) {
  const t = useT();
  return (
    <>
      <Text span fw={role === 'leader' ? 600 : undefined}>
        {t(`teamRole.${role}`)}
      </Text>
      {title && (
        <Text span c="dimmed" size="sm">
          {' · '}
          {title}
        </Text>
      )}
    </>
  );
}

/** Active members: name (link), role + title, phone with call/Zalo links, and manager actions. */
export function MembersTable({ members, canManage }: { members: Membership[]; canManage: boolean }) {
  const t = useT();
  if (members.length === 0) return <Text c="dimmed">{t('members.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={canManage ? 640 : 460}>
      <Table striped aria-label={t('members.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('person.fullName')}</Table.Th>
            <Table.Th>{t('members.role')}</Table.Th>
            <Table.Th>{t('person.phone')}</Table.Th>
            {canManage && <Table.Th>{t('common.actions')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {members.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor component={Link} href={personHref(m.person.id)}>
                  {m.person.isAnonymised ? t('personData.anonymised') : m.person.fullName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <RoleText role={m.role} title={m.title} />
              </Table.Td>
              <Table.Td>
                <PhoneLinks phone={m.person.phone} isZalo={m.person.isZalo} name={m.person.fullName} />
              </Table.Td>
              {canManage && (
                <Table.Td>
                  <MemberActions membership={m} />
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** Ended memberships: who, role, from–to. */
export function HistoryTable({ history }: { history: Membership[] }) {
  const t = useT();
  if (history.length === 0) return <Text c="dimmed">{t('members.noHistory')}</Text>;
  return (
    <Table.ScrollContainer minWidth={420}>
      <Table aria-label={t('members.history')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('person.fullName')}</Table.Th>
            <Table.Th>{t('members.role')}</Table.Th>
            <Table.Th>{t('members.period')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor component={Link} href={personHref(m.person.id)}>
                  {m.person.isAnonymised ? t('personData.anonymised') : m.person.fullName}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <RoleText role={m.role} title={m.title} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {formatDate(m.fromDate)} – {m.toDate ? formatDate(m.toDate) : ''}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
