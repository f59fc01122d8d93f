import type { PageRoute } from '../../app/routes';
import { LedgerPage } from './LedgerPage';

/** The operator's pages, under /operator. */
export const operatorPages: PageRoute[] = [
  { path: 'ledger', element: <LedgerPage />, nav: 'common.nav.ledger' },
];
