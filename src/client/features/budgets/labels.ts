import type { SettlementStatus } from '../../../shared/schemas/budgets.ts';
import type { MessageKey } from '../../locales/vi.ts';

/** Label key of a dossier state; null (never saved) reads "not started". */
export function statusKey(status: SettlementStatus | null): MessageKey {
  return status ? `budgets.state.${status}` : 'budgets.state.none';
}

/** Badge colour of a dossier state. */
export function statusColor(status: SettlementStatus | null): string {
  return { draft: 'gray', submitted: 'blue', returned: 'orange', accepted: 'green' }[status ?? 'draft'];
}
