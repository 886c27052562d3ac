import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Redirect, Route, Switch, useLocation, useSearch } from 'wouter';
import type { User } from '../shared/schemas/accounts.ts';
import { onAuthProblem } from './api.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { NotFoundPage } from './components/NotFoundPage.tsx';
import { PageCrash } from './components/PageCrash.tsx';
import { ErrorBoundary } from './shared/ErrorBoundary.tsx';
import { PageLoader } from './components/PageLoader.tsx';
import { landingHref } from './features/activities/links.ts';
import { ME_KEY, safeNext, useMe } from './features/auth/session.ts';

// Every page is its own chunk: the first load carries the shell and the page it opens, no more.
const LoginPage = lazy(() => import('./features/auth/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const ChangePasswordPage = lazy(() => import('./features/auth/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })));
const UnitsPage = lazy(() => import('./features/units/UnitsPage.tsx').then((m) => ({ default: m.UnitsPage })));
const UnitPage = lazy(() => import('./features/units/UnitPage.tsx').then((m) => ({ default: m.UnitPage })));
const ForgotPasswordPage = lazy(() => import('./features/auth/RecoveryPages.tsx').then((m) => ({ default: m.ForgotPasswordPage })));
const ResetPasswordPage = lazy(() => import('./features/auth/RecoveryPages.tsx').then((m) => ({ default: m.ResetPasswordPage })));

const UsersPage = lazy(() => import('./features/users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })));
const UserDetailPage = lazy(() => import('./features/users/UserDetailPage.tsx').then((m) => ({ default: m.UserDetailPage })));
const TeamPage = lazy(() => import('./features/teams/TeamPage.tsx').then((m) => ({ default: m.TeamPage })));
const PersonPage = lazy(() => import('./features/people/PersonPage.tsx').then((m) => ({ default: m.PersonPage })));
const GendersPage = lazy(() => import('./features/people/GendersPage.tsx').then((m) => ({ default: m.GendersPage })));
const DuplicatesPage = lazy(() => import('./features/people/DuplicatesPage.tsx').then((m) => ({ default: m.DuplicatesPage })));
const CoveragePage = lazy(() => import('./features/village-coverage/CoveragePage.tsx').then((m) => ({ default: m.CoveragePage })));
const ImportPage = lazy(() => import('./features/imports/ImportPage.tsx').then((m) => ({ default: m.ImportPage })));
const ProvinceSettingsPage = lazy(() =>
  import('./features/settings/ProvinceSettingsPage.tsx').then((m) => ({ default: m.ProvinceSettingsPage })),
);
const AuditPage = lazy(() => import('./features/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })));
const PersonalDataReadsPage = lazy(() =>
  import('./features/audit/PersonalDataReadsPage.tsx').then((m) => ({ default: m.PersonalDataReadsPage })),
);
const ActivityFeedPage = lazy(() => import('./features/activities/ActivityFeedPage.tsx').then((m) => ({ default: m.ActivityFeedPage })));
const ActivitiesLanding = lazy(() => import('./features/activities/ActivityFeedPage.tsx').then((m) => ({ default: m.ActivitiesLanding })));
const ProgressPage = lazy(() => import('./features/progress/ProgressPage.tsx').then((m) => ({ default: m.ProgressPage })));
const ProgressLanding = lazy(() => import('./features/progress/ProgressPage.tsx').then((m) => ({ default: m.ProgressLanding })));
const loadDashboard = () => import('./features/dashboards/DashboardPage.tsx');
const DashboardPage = lazy(() => loadDashboard().then((m) => ({ default: m.DashboardPage })));
const TeamDashboardPage = lazy(() => import('./features/dashboards/TeamDashboardPage.tsx').then((m) => ({ default: m.TeamDashboardPage })));
const DashboardLanding = lazy(() => loadDashboard().then((m) => ({ default: m.DashboardLanding })));
const TargetsPage = lazy(() => import('./features/targets/TargetsPage.tsx').then((m) => ({ default: m.TargetsPage })));
const TargetsLanding = lazy(() => import('./features/targets/TargetsPage.tsx').then((m) => ({ default: m.TargetsLanding })));
const IndicatorsPage = lazy(() => import('./features/indicators/IndicatorsPage.tsx').then((m) => ({ default: m.IndicatorsPage })));
const IndicatorsLanding = lazy(() => import('./features/indicators/IndicatorsPage.tsx').then((m) => ({ default: m.IndicatorsLanding })));
const DirectivesPage = lazy(() => import('./features/directives/DirectivesPage.tsx').then((m) => ({ default: m.DirectivesPage })));
const ReportsPage = lazy(() => import('./features/reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })));
const ReportInstancePage = lazy(() => import('./features/reports/ReportInstancePage.tsx').then((m) => ({ default: m.ReportInstancePage })));
const ReportStatusPage = lazy(() => import('./features/reports/ReportStatusPage.tsx').then((m) => ({ default: m.ReportStatusPage })));
const DirectivePage = lazy(() => import('./features/directives/DirectivePage.tsx').then((m) => ({ default: m.DirectivePage })));
const NotificationsPage = lazy(() =>
  import('./features/notifications/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const ProfilePage = lazy(() => import('./features/profile/ProfilePage.tsx').then((m) => ({ default: m.ProfilePage })));

const ReorganisationPage = lazy(() =>
  import('./features/reorganisation/ReorganisationPage.tsx').then((m) => ({ default: m.ReorganisationPage })),
);
const BudgetsPage = lazy(() => import('./features/budgets/BudgetsPage.tsx').then((m) => ({ default: m.BudgetsPage })));
const BudgetsLanding = lazy(() => import('./features/budgets/BudgetsPage.tsx').then((m) => ({ default: m.BudgetsLanding })));
const TeamBudgetPage = lazy(() => import('./features/budgets/TeamBudgetPage.tsx').then((m) => ({ default: m.TeamBudgetPage })));

function loginUrl(): string {
  const here = `${window.location.pathname}${window.location.search}`;
  return here === '/' || here.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(here)}`;
}

/** Sends the browser to /login on 401 and to /change-password on 403 PASSWORD_CHANGE_REQUIRED. */
function useAuthRedirects(): void {
  const qc = useQueryClient();
  const [, navigate] = useLocation();
  useEffect(
    () =>
      onAuthProblem((problem) => {
        if (problem === 'unauthenticated') {
          qc.setQueryData(ME_KEY, null);
          navigate(loginUrl(), { replace: true });
        } else {
          void qc.invalidateQueries({ queryKey: ME_KEY });
          navigate('/change-password', { replace: true });
        }
      }),
    [qc, navigate],
  );
}

function RequireUser({ user, children }: { user: User | null; children: ReactNode }) {
  if (!user) return <Redirect to={loginUrl()} replace />;
  return <>{children}</>;
}

function Routes({ user }: { user: User | null }) {
  const guard = (node: ReactNode) => <RequireUser user={user}>{node}</RequireUser>;
  const [location] = useLocation();
  return (
    <ErrorBoundary fallback={<PageCrash />} resetKey={location}>
      <Suspense fallback={<PageLoader />}>
        <Switch>
          <Route path="/">
            <Redirect to={landingHref(user)} replace />
          </Route>
          <Route path="/units" component={UnitsPage} />
          <Route path="/units/:structure/:code" component={UnitPage} />
          <Route path="/units/:structure/:code/personal-data-reads">{guard(<PersonalDataReadsPage />)}</Route>
          <Route path="/change-password">{guard(<ChangePasswordPage />)}</Route>
          <Route path="/users">{guard(<UsersPage />)}</Route>
          <Route path="/users/:id">{guard(<UserDetailPage />)}</Route>
          <Route path="/audit">{guard(<AuditPage />)}</Route>
          <Route path="/teams/:id">{guard(<TeamPage />)}</Route>
          <Route path="/people/duplicates/:structure/:code">{guard(<DuplicatesPage />)}</Route>
          <Route path="/people/:id">{guard(<PersonPage />)}</Route>
          <Route path="/genders/:structure/:code">{guard(<GendersPage />)}</Route>
          <Route path="/coverage/:structure/:code">{guard(<CoveragePage />)}</Route>
          <Route path="/import">{guard(<ImportPage />)}</Route>
          <Route path="/provinces/:structure/:code/settings">{guard(<ProvinceSettingsPage />)}</Route>
          <Route path="/provinces/:structure/:code/indicators">{guard(<IndicatorsPage />)}</Route>
          <Route path="/indicators">{guard(<IndicatorsLanding />)}</Route>
          <Route path="/activities">{guard(<ActivitiesLanding />)}</Route>
          <Route path="/activities/:structure/:code">{guard(<ActivityFeedPage />)}</Route>
          <Route path="/dashboard">{guard(<DashboardLanding />)}</Route>
          <Route path="/dashboard/team/:id">{guard(<TeamDashboardPage />)}</Route>
          <Route path="/dashboard/:structure/:code">{guard(<DashboardPage />)}</Route>
          <Route path="/progress">{guard(<ProgressLanding />)}</Route>
          <Route path="/progress/:structure/:code">{guard(<ProgressPage />)}</Route>
          <Route path="/targets">{guard(<TargetsLanding />)}</Route>
          <Route path="/targets/:structure/:code">{guard(<TargetsPage />)}</Route>
          <Route path="/directives">{guard(<DirectivesPage />)}</Route>
          <Route path="/directives/:id">{guard(<DirectivePage />)}</Route>
          <Route path="/notifications">{guard(<NotificationsPage />)}</Route>
          <Route path="/profile">{guard(<ProfilePage />)}</Route>
          <Route path="/reports">{guard(<ReportsPage />)}</Route>
          <Route path="/reports/instances/:id">{guard(<ReportInstancePage />)}</Route>
          <Route path="/reports/definitions/:id">{guard(<ReportStatusPage />)}</Route>
          <Route path="/budgets">{guard(<BudgetsLanding />)}</Route>
          <Route path="/budgets/teams/:id">{guard(<TeamBudgetPage />)}</Route>
          <Route path="/budgets/:structure/:code">{guard(<BudgetsPage />)}</Route>
          <Route path="/reorganisation/:code">{guard(<ReorganisationPage />)}</Route>
          <Route component={NotFoundPage} />
        </Switch>
      </Suspense>
    </ErrorBoundary>
  );
}

/** Top-level routes with the session guards (forced password change, login redirects). */
export function App() {
  const me = useMe();
  const [location] = useLocation();
  const search = useSearch();
  useAuthRedirects();
  // An officer's first page is their dashboard: its code loads while the session is checked,
  // not after (one round trip less on a phone).
  const [openedOn] = useState(location);
  useEffect(() => {
    if (openedOn === '/' || openedOn.startsWith('/dashboard')) void loadDashboard();
  }, [openedOn]);
  if (me.isPending) return <PageLoader />;
  const user = me.data ?? null;
  if (location === '/forgot-password' || location === '/reset-password') {
    return (
      <Suspense fallback={<PageLoader />}>{location === '/forgot-password' ? <ForgotPasswordPage /> : <ResetPasswordPage />}</Suspense>
    );
  }
  if (location === '/login') {
    if (!user) {
      return (
        <Suspense fallback={<PageLoader />}>
          <LoginPage />
        </Suspense>
      );
    }
    return <Redirect to={user.mustChangePassword ? '/change-password' : safeNext(search)} replace />;
  }
  if (user?.mustChangePassword && location !== '/change-password') {
    return <Redirect to="/change-password" replace />;
  }
  return (
    <AppLayout user={user}>
      <Routes user={user} />
    </AppLayout>
  );
}
