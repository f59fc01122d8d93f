import '../../app/workspace.css';
import type { PageRoute } from '../../app/routes';
import { ApplicationPage } from './application/ApplicationPage';
import { JobBoardPage } from './JobBoardPage';
import { JobPage } from './JobPage';
import { PayoutsPage } from './PayoutsPage';
import { JobEvidencePage } from './production/JobEvidencePage';
import { ProductionPage } from './production/ProductionPage';
import { SchedulePage } from './schedule/SchedulePage';
import { ScorecardPage } from './ScorecardPage';

/** The factory's pages, under /factory. */
export const factoryPages: PageRoute[] = [
  { path: 'jobs', element: <JobBoardPage />, nav: 'common.nav.jobBoard' },
  { path: 'jobs/:jobLineId', element: <JobPage /> },
  { path: 'schedule', element: <SchedulePage />, nav: 'factoryWorkspace.nav.schedule' },
  { path: 'production', element: <ProductionPage />, nav: 'evidence.production.title' },
  { path: 'production/:jobLineId', element: <JobEvidencePage /> },
  { path: 'application', element: <ApplicationPage />, nav: 'factoryWorkspace.nav.application' },
  { path: 'scorecard', element: <ScorecardPage />, nav: 'factoryWorkspace.nav.scorecard' },
  { path: 'payouts', element: <PayoutsPage />, nav: 'factoryWorkspace.nav.payouts' },
];
