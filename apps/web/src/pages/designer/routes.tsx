import type { PageRoute } from '../../app/routes';
import { PartsPage } from './PartsPage';

/** The designer's pages, under /designer. */
export const designerPages: PageRoute[] = [
  { path: 'parts', element: <PartsPage />, nav: 'common.nav.parts' },
];
