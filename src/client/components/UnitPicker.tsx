import { useMemo, useState } from 'react';
import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import type { Level, OrgUnit, Structure } from '../../shared/schemas/org-units.ts';
import { useUnitSearch, useUnitsByLevel } from '../features/units/units-api.ts';
import { useT } from '../i18n.ts';

/** A picked unit. */
export interface PickedUnit {
  code: string;
  name: string;
}

interface UnitPickerProps {
  structure: Structure;
  level: Level | null;
  value: PickedUnit | null;
  onChange: (unit: PickedUnit | null) => void;
  error?: string;
  /** Field label; defaults to "Đơn vị". */
  label?: string;
}

function optionLabel(unit: OrgUnit, provinces: Map<string, string>): string {
  const province = unit.level === 'province' ? undefined : provinces.get(unit.provinceCode);
  return province ? `${unit.name} (${province})` : unit.name;
}

/** Search-as-you-type unit select backed by GET /api/org-units?q= (diacritics-insensitive on the server). */
export function UnitPicker({ structure, level, value, onChange, error, label }: UnitPickerProps) {
  const t = useT();
  const [search, setSearch] = useState(value?.name ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [selectedLabel, setSelectedLabel] = useState(value?.name ?? '');
  const query = debounced && debounced !== selectedLabel ? debounced : '';
  const result = useUnitSearch(structure, query, level ?? undefined);
  const provinces = useUnitsByLevel(structure, 'province');

  const data = useMemo(() => {
    const names = new Map((provinces.data?.items ?? []).map((p) => [p.code, p.name] as const));
    const options = (result.data?.items ?? []).map((u) => ({ value: u.code, label: optionLabel(u, names) }));
    if (value && !options.some((o) => o.value === value.code)) {
      options.unshift({ value: value.code, label: selectedLabel || value.name });
    }
    return options;
  }, [result.data, provinces.data, value, selectedLabel]);

  return (
    <Select
      label={label ?? t('users.unit')}
      placeholder={t('users.unitSearch')}
      searchable
      clearable
      allowDeselect={false}
      data={data}
      value={value?.code ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options }) => options}
      onChange={(code, option) => {
        setSelectedLabel(code ? (option?.label ?? code) : '');
        const unit = result.data?.items.find((u) => u.code === code);
        onChange(code ? { code, name: unit?.name ?? option?.label ?? code } : null);
      }}
      nothingFoundMessage={query && !result.isFetching ? t('units.noResults') : undefined}
      error={error}
    />
  );
}
