import { Input, SegmentedControl } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { STRUCTURES, type Structure } from '../../../shared/schemas/org-units.ts';
import { useT } from '../../i18n.ts';
import { structureLabel } from './labels.ts';

/** Picks the administrative structure: current, as of 1/7/2025, or legacy (3 levels); vertical on phones. */
export function StructureSwitch({ value, onChange }: { value: Structure; onChange: (s: Structure) => void }) {
  const t = useT();
  const narrow = useMediaQuery('(max-width: 36em)');
  return (
    <Input.Wrapper label={t('structure.label')}>
      <SegmentedControl
        display="flex"
        fullWidth
        orientation={narrow ? 'vertical' : 'horizontal'}
        aria-label={t('structure.label')}
        value={value}
        onChange={(v) => onChange(v as Structure)}
        data={STRUCTURES.map((s) => ({ value: s, label: structureLabel(t, s) }))}
      />
    </Input.Wrapper>
  );
}
