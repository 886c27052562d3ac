import { useState } from 'react';
import { Button, Group, Paper, Stack, Title } from '@mantine/core';
import { Redirect, useLocation } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { UnitPicker, type PickedUnit } from '../../components/UnitPicker.tsx';
import { useT } from '../../i18n.ts';
import { useMe } from '../auth/session.ts';
import { homeUnit } from './links.ts';

interface UnitLandingProps {
  title: string;
  href: (structure: Structure, code: string) => string;
}

/** `/activities` and `/progress` without a unit: the user's own unit, or a unit chooser for a national administrator. */
export function UnitLanding({ title, href }: UnitLandingProps) {
  const t = useT();
  const me = useMe();
  const [, navigate] = useLocation();
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const home = homeUnit(me.data);
  if (home) return <Redirect to={href(home.structure, home.code)} replace />;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {title}
      </Title>
      <Paper
        withBorder
        p="sm"
        component="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (unit) navigate(href('current', unit.code));
        }}
      >
        <Group align="flex-end" gap="xs">
          <div style={{ flex: 1, minWidth: 220 }}>
            <UnitPicker structure="current" level={null} value={unit} onChange={setUnit} label={t('unitLanding.pick')} />
          </div>
          <Button type="submit" disabled={!unit}>
            {t('unitLanding.open')}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
