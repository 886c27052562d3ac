import { useEffect, useEffectEvent } from 'react';
import { Input, Stack, Text } from '@mantine/core';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { MAU2_LIMITS } from '../../../shared/schemas/imports.ts';
import { UnitPicker, type PickedUnit } from '../../components/UnitPicker.tsx';
import { useT } from '../../i18n.ts';
import { useMe } from '../auth/session.ts';
import { StructureSwitch } from '../units/StructureSwitch.tsx';
import { useUnit } from '../units/units-api.ts';

interface ImportSourceFormProps {
  structure: Structure;
  onStructure: (s: Structure) => void;
  province: PickedUnit | null;
  onProvince: (p: PickedUnit | null) => void;
  file: File | null;
  onFile: (f: File | null) => void;
  fileError: string | null;
}

/** Finds the province of the user's first assigned unit and reports it once loaded. */
function useDefaultProvince(onFound: (structure: Structure, p: PickedUnit) => void) {
  const user = useMe().data;
  const first = user?.assignments.find((a) => a.unitCode);
  const structure = first?.structure ?? 'current';
  const unit = useUnit(structure, first?.unitCode ?? '', Boolean(first?.unitCode));
  const found = unit.data ? (unit.data.level === 'province' ? unit.data : unit.data.ancestors[0]) : undefined;
  // Reported once per found province: onFound is a new closure on every render, read as it is then.
  const report = useEffectEvent(() => {
    if (first?.unitCode && found) onFound(structure, { code: found.code, name: found.name });
  });
  const foundCode = found?.code;
  useEffect(() => {
    if (foundCode) report();
  }, [foundCode]);
}

/** Step 1 of the import: structure, province (admins pick; others get their own) and the .xlsx file. */
export function ImportSourceForm(props: ImportSourceFormProps) {
  const t = useT();
  const user = useMe().data;
  const isAdmin = Boolean(user?.assignments.some((a) => a.role === 'admin'));
  const { structure, onStructure, province, onProvince, file, onFile, fileError } = props;
  useDefaultProvince((s, p) => {
    onStructure(s);
    onProvince(p);
  });
  const maxMb = Math.round(MAU2_LIMITS.maxBytes / (1024 * 1024));

  return (
    <Stack gap="sm">
      <StructureSwitch
        value={structure}
        onChange={(s) => {
          onStructure(s);
          if (isAdmin) onProvince(null);
        }}
      />
      {isAdmin ? (
        <UnitPicker
          key={structure}
          label={t('import.province')}
          structure={structure}
          level="province"
          value={province}
          onChange={onProvince}
        />
      ) : (
        <Text>
          {t('import.province')}: <b>{province?.name ?? '—'}</b>
        </Text>
      )}
      <Input.Wrapper
        label={t('import.file')}
        id="mau2-file"
        description={t('import.fileHint', { mb: maxMb })}
        error={fileError ?? undefined}
        required
      >
        <input
          id="mau2-file"
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          onChange={(e) => onFile(e.currentTarget.files?.[0] ?? null)}
          style={{ display: 'block', marginTop: 4, maxWidth: '100%' }}
        />
      </Input.Wrapper>
      {file && (
        <Text size="sm" c="dimmed">
          {file.name} · {(file.size / 1024).toLocaleString('vi-VN', { maximumFractionDigits: 0 })} KB
        </Text>
      )}
    </Stack>
  );
}
