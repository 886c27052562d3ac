import type { ComponentType } from 'react';
import { useParams } from 'wouter';
import type { Structure } from '../../../shared/schemas/org-units.ts';
import { NotFoundPage } from '../../components/NotFoundPage.tsx';
import { isStructure } from './units-api.ts';

/**
 * A page of one unit at `…/:structure/:code`: renders `view` for the unit in the URL, afresh
 * when the unit changes (so no state leaks from the previous one), or "not found" for an unknown
 * structure.
 */
export function UnitRoute({ view: View }: { view: ComponentType<{ structure: Structure; code: string }> }) {
  const params = useParams<{ structure: string; code: string }>();
  if (!isStructure(params.structure)) return <NotFoundPage />;
  const code = decodeURIComponent(params.code);
  return <View key={`${params.structure}-${code}`} structure={params.structure} code={code} />;
}
