import { StateMachine } from '@partsmith/platform';
import { QuoteStatus } from './quote.entity';

export const quoteLifecycle = new StateMachine<QuoteStatus>('quote', {
  pending: [QuoteStatus.ready, QuoteStatus.needs_review, QuoteStatus.not_manufacturable, QuoteStatus.failed],
  needs_review: [QuoteStatus.ready],
  ready: [QuoteStatus.ordered],
  not_manufacturable: [],
  failed: [],
  ordered: [],
});
