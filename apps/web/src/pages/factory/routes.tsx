import '../../app/workspace.css';
import type { PageRoute } from '../../app/routes';
import { ApplicationPage } from './application/ApplicationPage';
import { JobBoardPage } from './JobBoardPage';
import { PayoutsPage } from './PayoutsPage';
import { SchedulePage } from './schedule/SchedulePage';
import { ScorecardPage } from './ScorecardPage';

/** The factory's pages, under /factory. */
export const factoryPages: PageRoute[] = [
  { path: 'jobs', element: <JobBoardPage />, nav: 'common.nav.jobBoard' },
  { path: 'schedule', element: <SchedulePage />, nav: 'factoryWorkspace.nav.schedule' },
  { path: 'application', element: <ApplicationPage />, nav: 'factoryWorkspace.nav.application' },
  { path: 'scorecard', element: <ScorecardPage />, nav: 'factoryWorkspace.nav.scorecard' },
  { path: 'payouts', element: <PayoutsPage />, nav: 'factoryWorkspace.nav.payouts' },
];
