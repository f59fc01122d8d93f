import '../../app/workspace.css';
import type { PageRoute } from '../../app/routes';
import { AuditLogPage } from './AuditLogPage';
import { CertificatesPage } from './CertificatesPage';
import { DisputesPage } from './DisputesPage';
import { LedgerPage } from './LedgerPage';
import { MetricsPage } from './MetricsPage';
import { QuoteReviewPage } from './QuoteReviewPage';
import { VettingPage } from './VettingPage';

/** The operator's pages, under /operator. */
export const operatorPages: PageRoute[] = [
  { path: 'ledger', element: <LedgerPage />, nav: 'common.nav.ledger' },
  { path: 'vetting', element: <VettingPage />, nav: 'operatorConsole.nav.vetting' },
  { path: 'certificates', element: <CertificatesPage />, nav: 'operatorConsole.nav.certificates' },
  { path: 'quotes', element: <QuoteReviewPage />, nav: 'operatorConsole.nav.quotes' },
  { path: 'disputes', element: <DisputesPage />, nav: 'evidence.disputes.title' },
  { path: 'audit', element: <AuditLogPage />, nav: 'operatorConsole.nav.audit' },
  { path: 'metrics', element: <MetricsPage />, nav: 'operatorConsole.nav.metrics' },
];
