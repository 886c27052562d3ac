import { useState, type ReactNode } from 'react';
import { AppShell, Burger, Button, Group, NavLink, Text } from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, useLocation } from 'wouter';
import { roleCan } from '../../shared/permissions.ts';
import type { User } from '../../shared/schemas/accounts.ts';
import { activitiesHome, dashboardHome, progressHome } from '../features/activities/links.ts';
import { targetsHome } from '../features/targets/targets-api.ts';
import { budgetsHome, canSeeBudgets } from '../features/budgets/budgets-api.ts';
import { userCan, useLogout } from '../features/auth/session.ts';
import { indicatorsHref } from '../features/indicators/links.ts';
import { NotificationBell } from '../features/notifications/NotificationBell.tsx';
import { settingsHref } from '../features/settings/settings-api.ts';
import { useT } from '../i18n.ts';
import type { MessageKey } from '../locales/vi.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';

interface NavItem {
  href: string;
  label: MessageKey;
}

function navItems(user: User | null): NavItem[] {
  if (user?.mustChangePassword) return [{ href: '/change-password', label: 'nav.changePassword' }];
  const items: NavItem[] = [{ href: '/units', label: 'nav.units' }];
  const first = user?.assignments.find((a) => a.unitCode);
  if (first?.unitCode) {
    items.push({ href: `/coverage/${first.structure ?? 'current'}/${encodeURIComponent(first.unitCode)}`, label: 'nav.coverage' });
  } else if (user?.assignments.some((a) => a.role === 'admin')) {
    items.push({ href: '/units?coverage', label: 'nav.coverage' });
  }
  if (user) items.push({ href: dashboardHome(user), label: 'nav.dashboard' });
  if (user) items.push({ href: '/notifications', label: 'nav.notifications' });
  if (user) items.push({ href: activitiesHome(user), label: 'nav.activities' }, { href: progressHome(user), label: 'nav.progress' });
  if (user) items.push({ href: targetsHome(user), label: 'nav.targets' });
  if (canSeeBudgets(user)) items.push({ href: budgetsHome(user), label: 'nav.budgets' });
  if (userCan(user, 'directive.issue') || userCan(user, 'directive.respond')) items.push({ href: '/directives', label: 'nav.directives' });
  if (userCan(user, 'report.submit') || userCan(user, 'report.review') || userCan(user, 'settings.manage'))
    items.push({ href: '/reports', label: 'nav.reports' });
  if (userCan(user, 'team.manage')) items.push({ href: '/import', label: 'nav.import' });
  const settings = user?.assignments.find((a) => a.unitCode && roleCan(a.role, 'settings.manage'));
  if (settings?.unitCode) items.push({ href: settingsHref(settings.structure ?? 'current', settings.unitCode), label: 'settings.nav' });
  if (settings?.unitCode) items.push({ href: indicatorsHref(settings.structure ?? 'current', settings.unitCode), label: 'nav.indicators' });
  else if (userCan(user, 'settings.manage')) items.push({ href: '/indicators', label: 'nav.indicators' });
  if (userCan(user, 'user.manage')) items.push({ href: '/users', label: 'nav.users' });
  if (userCan(user, 'audit.read')) items.push({ href: '/audit', label: 'nav.audit' });
  if (user) items.push({ href: '/profile', label: 'nav.profile' }, { href: '/change-password', label: 'nav.changePassword' });
  return items;
}

function UserArea({ user }: { user: User | null }) {
  const t = useT();
  const logout = useLogout();
  const [, navigate] = useLocation();
  if (!user) {
    return (
      <Button component={Link} href="/login" size="xs" variant="light">
        {t('header.login')}
      </Button>
    );
  }
  const onLogout = () => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) });
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" fw={500} truncate="end" maw={{ base: 90, sm: 220 }} visibleFrom="xs" title={user.displayName}>
        {user.displayName}
      </Text>
      <Button size="xs" variant="default" onClick={onLogout} loading={logout.isPending}>
        {t('header.logout')}
      </Button>
    </Group>
  );
}

function NavItems({ user, onNavigate }: { user: User | null; onNavigate: () => void }) {
  const t = useT();
  const [location] = useLocation();
  return (
    <>
      {navItems(user).map((item) => (
        <NavLink
          key={item.href}
          component={Link}
          href={item.href}
          label={t(item.label)}
          active={location === item.href || location.startsWith(`${item.href}/`)}
          onClick={onNavigate}
        />
      ))}
      {userCan(user, 'activity.log') && (
        // A separate, light app (PWA): a full page load, not a client route.
        <NavLink component="a" href="/field/" label={t('nav.fieldApp')} description={t('nav.fieldAppHint')} />
      )}
    </>
  );
}

/** The app shell: header (name, user, VI/EN, logout), a navbar collapsing behind a burger on phones, and the page. */
export function AppLayout({ user, children }: { user: User | null; children: ReactNode }) {
  const t = useT();
  const [opened, { toggle, close }] = useDisclosure(false);
  // On a phone the menu is drawn the first time it is opened, not with every page (a slow
  // phone spent a good part of the first load drawing a menu nobody had asked for).
  const isWide = useMediaQuery('(min-width: 48em)', false, { getInitialValueInEffect: false });
  const [wasOpened, setWasOpened] = useState(false);
  const onBurger = () => {
    setWasOpened(true);
    toggle();
  };
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding={{ base: 'xs', sm: 'md' }}
    >
      <AppShell.Header>
        <Group h="100%" px="sm" justify="space-between" wrap="nowrap" gap={4}>
          {/* On the narrowest phones the name gives way (ellipsis) rather than pushing the buttons off screen. */}
          <Group gap={6} wrap="nowrap" miw={0}>
            <Burger opened={opened} onClick={onBurger} hiddenFrom="sm" size="sm" aria-label={t('header.toggleNav')} />
            <Text component={Link} href="/units" fw={700} fz={{ base: 'md', xs: 'lg' }} c="blue.8" truncate="end">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap={6} wrap="nowrap">
            <LanguageSwitch />
            {user && !user.mustChangePassword && <NotificationBell />}
            <UserArea user={user} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {user && (
          <Text size="sm" fw={500} px="sm" pb="xs" hiddenFrom="xs">
            {user.displayName}
          </Text>
        )}
        {(isWide || wasOpened) && <NavItems user={user} onNavigate={close} />}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
