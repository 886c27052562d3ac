import { useParams } from 'wouter';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { NotFoundPage } from '../../components/NotFoundPage.tsx';
import { PageLoader } from '../../components/PageLoader.tsx';
import { useUnit } from '../units/units-api.ts';
import { CommuneReestablishment } from './CommuneReestablishment.tsx';
import { ProvinceTable } from './ProvinceTable.tsx';

/** `/reorganisation/:code`: a current province's table, or the page "Kiện toàn sau sắp xếp" of a current commune. */
export function ReorganisationPage() {
  const { code } = useParams<{ code: string }>();
  const unit = useUnit('current', decodeURIComponent(code));
  if (unit.isPending) return <PageLoader />;
  if (unit.isError) return <ErrorAlert error={unit.error} />;
  if (unit.data.level === 'province') return <ProvinceTable key={unit.data.code} code={unit.data.code} name={unit.data.name} />;
  if (unit.data.level === 'commune') return <CommuneReestablishment key={unit.data.code} code={unit.data.code} name={unit.data.name} />;
  return <NotFoundPage />;
}
