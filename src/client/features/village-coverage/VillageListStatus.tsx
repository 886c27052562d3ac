import { Alert, Button, Text } from '@mantine/core';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useT } from '../../i18n.ts';
import { useCoverage } from '../teams/teams-api.ts';
import { useDeclareVillageList } from './village-lists-api.ts';

/**
 * Whether a commune has declared its village list: until it does, coverage counts none of its
 * villages ("Chưa khai báo thôn"); a village manager confirms the list here.
 */
export function VillageListStatus({ structure, commune, canManage }: { structure: Structure; commune: string; canManage: boolean }) {
  const t = useT();
  const coverage = useCoverage(structure, commune);
  const declare = useDeclareVillageList(structure, commune);
  const unit = coverage.data?.unit;
  if (!unit) return null;
  if (unit.communesWithoutVillageList === 0) {
    return (
      <Text size="sm" c="green.8" data-testid="village-list-status">
        {t('villageList.declared')}
      </Text>
    );
  }
  return (
    <Alert color="orange" variant="light" title={t('coverage.undeclared')} data-testid="village-list-status">
      <Text size="sm" mb="xs">
        {t('villageList.undeclaredText')}
      </Text>
      <ErrorAlert error={declare.error} />
      {canManage && (
        <Button size="xs" onClick={() => declare.mutate()} loading={declare.isPending}>
          {t('villageList.declare')}
        </Button>
      )}
    </Alert>
  );
}
