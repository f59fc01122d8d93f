import type { PageRoute } from '../../app/routes';
import { JobBoardPage } from './JobBoardPage';
import { JobPage } from './JobPage';

/** The factory's pages, under /factory. */
export const factoryPages: PageRoute[] = [
  { path: 'jobs', element: <JobBoardPage />, nav: 'common.nav.jobBoard' },
  { path: 'jobs/:jobLineId', element: <JobPage /> },
];
