import type { Role } from '@partsmith/platform';

/** What a user can switch e-mail off for. In-app notifications are always kept. */
export const NOTIFICATION_CATEGORIES = ['parts', 'quotes', 'orders', 'sourcing', 'production'] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

/** Who hears about one event: members of the event's organisation with these roles, and maybe every operator. */
export interface Audience {
  roles: readonly Role[];
  operators: boolean;
}

export interface NotificationMessage {
  title: string;
  body: string;
  /** Where the web app shows the subject. */
  path: string | null;
}

export interface NotificationEvent {
  type: string;
  id: string;
  status: string | null;
}

export interface NotificationRule {
  category: NotificationCategory;
  /** Audience per status; "*" for any status not listed. A status with no entry notifies nobody. */
  audience: Readonly<Record<string, Audience>>;
  /**
   * Whether members also get an e-mail (unless they switched the category off): always, never, or only for
   * these statuses. What answers the designer's own action within seconds (an analysis, an instant quote)
   * stays in-app: they are looking at it, and an e-mail per upload or per configuration tried is noise.
   */
  email: boolean | readonly string[];
  message(event: NotificationEvent): NotificationMessage;
}

const NOBODY: Audience = { roles: [], operators: false };
const DESIGNERS: Audience = { roles: ['designer'], operators: false };
const DESIGNERS_AND_OPERATORS: Audience = { roles: ['designer'], operators: true };
const FACTORY: Audience = { roles: ['factory_admin', 'factory_member'], operators: false };
const FACTORY_ADMINS: Audience = { roles: ['factory_admin'], operators: false };
const MEMBERS: Audience = { roles: ['designer', 'factory_admin', 'factory_member'], operators: false };

const human = (status: string | null) => (status ?? 'updated').replace(/_/g, ' ');

/**
 * Every event type that notifies anyone: who (per status), in which e-mail category, with what words.
 * An event type missing here notifies nobody (and is logged once per type); webhooks still see it.
 *
 * | event                       | status               | who                                   | e-mail |
 * |-----------------------------|----------------------|---------------------------------------|--------|
 * | part.revision.analyzed      | any                  | designers of the org                  | no     |
 * | part.revision.rejected      | any                  | designers of the org                  | yes    |
 * | part.revision.previews      | —                    | nobody (a UI refresh, not news)       |        |
 * | quote.priced                | ready, not_manuf.    | designers                             | no     |
 * | quote.priced                | failed               | designers                             | yes    |
 * | quote.priced                | needs_review         | designers + every operator            | yes    |
 * | quote.reviewed              | ready                | designers                             | yes    |
 * | order.status                | paid … cancelled     | designers (not awaiting_payment)      | yes    |
 * | job_line.status             | awarded … disputed   | designers (not sourcing, in_production)| yes   |
 * | job_line.dispute            | opened               | factory (the awarded one) + every operator | yes |
 * | job_line.dispute            | responded            | designers + every operator            | yes    |
 * | job_line.dispute            | resolved             | designers; factory admins and members (one event per side) | yes |
 * | job_line.cancelled          | cancelled            | the awarded factory’s admins and members | yes |
 * | job_line.inspection_evidence| any                  | designers                             | no     |
 * | sourcing.offer              | open                 | factory admins and members            | yes    |
 * | sourcing.awarded            | any                  | factory admins and members            | yes    |
 * | sourcing.countered          | any                  | designers                             | yes    |
 * | sourcing.stalled            | any                  | designers + every operator            | yes    |
 * | job_line.schedule.at_risk   | any                  | every member of the org               | yes    |
 * | factory.schedule.replanned  | any                  | factory admins                        | no     |
 * | job_line.reviewed           | —                    | factory admins and members            | yes    |
 * | job_line.review_responded   | —                    | designers                             | no     |
 * | message.job_line            | any (the message id) | every member of the org written to    | yes    |
 * | message.sourcing_qa         | any (the message id) | every member of the org written to    | yes    |
 *
 * Messages: the event's organisation is the one written to (the other side; for a designer's Q&A answer,
 * one event per factory that may read the Q&A), its id the thread and its status the message, so each
 * message notifies each person once. The notification carries no text of the message.
 */
export const NOTIFICATION_RULES: Readonly<Record<string, NotificationRule>> = {
  'part.revision.analyzed': {
    category: 'parts',
    audience: { '*': DESIGNERS },
    email: false,
    message: (e) => ({
      title: 'Your part is analysed',
      body: 'The manufacturability checks are done. Review the findings and request a quote.',
      path: `/parts/revisions/${e.id}`,
    }),
  },
  'part.revision.rejected': {
    category: 'parts',
    audience: { '*': DESIGNERS },
    email: true,
    message: (e) => ({
      title: 'Your part could not be analysed',
      body: 'The uploaded file could not be read as a solid part. Open the part to see why, then upload a corrected file.',
      path: `/parts/revisions/${e.id}`,
    }),
  },
  'part.revision.previews': { category: 'parts', audience: {}, email: false, message: () => ({ title: '', body: '', path: null }) },
  'quote.priced': {
    category: 'quotes',
    audience: { ready: DESIGNERS, not_manufacturable: DESIGNERS, failed: DESIGNERS, needs_review: DESIGNERS_AND_OPERATORS },
    email: ['failed', 'needs_review'],
    message: (e) => {
      const path = `/quotes/${e.id}`;
      switch (e.status) {
        case 'ready':
          return { title: 'Your quote is ready', body: 'Prices, lead times and the cost breakdown are in. You can order it before it expires.', path };
        case 'needs_review':
          return {
            title: 'A quote needs review',
            body: 'The price came out with low confidence, so an operator checks it before it can be ordered; you hear from us when it is released.',
            path,
          };
        case 'not_manufacturable':
          return { title: 'The part cannot be made as configured', body: 'The chosen process cannot make this part. Open the quote to see why and try another process or material.', path };
        default:
          return { title: 'Your quote could not be priced', body: 'Pricing failed. Open the quote and request it again; if it fails again, contact support.', path };
      }
    },
  },
  'quote.reviewed': {
    category: 'quotes',
    audience: { ready: DESIGNERS },
    email: true,
    message: (e) => ({
      title: 'Your quote was reviewed',
      body: 'An operator checked the price and released the quote. You can order it before it expires.',
      path: `/quotes/${e.id}`,
    }),
  },
  'order.status': {
    category: 'orders',
    audience: { paid: DESIGNERS, in_progress: DESIGNERS, completed: DESIGNERS, cancelled: DESIGNERS },
    email: true,
    message: (e) => {
      const path = `/orders/${e.id}`;
      switch (e.status) {
        case 'paid':
          return { title: 'Payment received', body: 'Your order is paid and held in escrow. We are finding the factory for each part now.', path };
        case 'in_progress':
          return { title: 'Your order is in progress', body: 'Factories are working on your order. Follow each part on the order page.', path };
        case 'completed':
          return { title: 'Your order is complete', body: 'Every part of your order was delivered and accepted. Thank you!', path };
        case 'cancelled':
          return { title: 'Your order was cancelled', body: 'The order is cancelled; any payment is refunded to the original payment method.', path };
        default:
          return { title: `Order ${human(e.status)}`, body: `Your order is now ${human(e.status)}.`, path };
      }
    },
  },
  'job_line.status': {
    category: 'orders',
    audience: { awarded: DESIGNERS, scheduled: DESIGNERS, shipped: DESIGNERS, delivered: DESIGNERS, accepted: DESIGNERS, cancelled: DESIGNERS, disputed: DESIGNERS },
    email: true,
    message: (e) => {
      const path = `/job-lines/${e.id}`;
      switch (e.status) {
        case 'awarded':
          return { title: 'A factory will make your part', body: 'A certified factory was awarded this part of your order.', path };
        case 'scheduled':
          return { title: 'Your part is scheduled', body: 'The factory has planned production and promised a ship date.', path };
        case 'shipped':
          return { title: 'Your part has shipped', body: 'The factory shipped your part. Tracking details are on the order page.', path };
        case 'delivered':
          return { title: 'Your part was delivered', body: 'Inspect it and accept it, or open a dispute within the acceptance window.', path };
        case 'accepted':
          return { title: 'Delivery accepted', body: 'The part is accepted and the factory will be paid.', path };
        case 'disputed':
          return { title: 'Dispute opened', body: 'An operator will review the dispute and both sides will see the decision.', path };
        default:
          return { title: `Part ${human(e.status)}`, body: `This part of your order is now ${human(e.status)}.`, path };
      }
    },
  },
  'job_line.dispute': {
    category: 'production',
    audience: { opened: { roles: FACTORY.roles, operators: true }, responded: DESIGNERS_AND_OPERATORS, resolved: MEMBERS },
    email: true,
    message: (e) => {
      const path = `/disputes/${e.id}`;
      switch (e.status) {
        case 'opened':
          return { title: 'A delivery was disputed', body: 'The designer disputed a delivery. Give your side and attach your evidence before an operator decides.', path };
        case 'responded':
          return { title: 'The factory answered the dispute', body: 'The factory gave its side of the dispute. An operator will decide.', path };
        default:
          return { title: 'The dispute was decided', body: 'An operator decided the dispute. The written decision and the amounts are on the dispute page.', path };
      }
    },
  },
  'job_line.cancelled': {
    category: 'production',
    audience: { cancelled: FACTORY },
    email: true,
    message: (e) => ({ title: 'A job was cancelled', body: 'Partsmith operations cancelled a job awarded to you. The reason and any compensation are on the job page.', path: `/job-lines/${e.id}` }),
  },
  'job_line.inspection_evidence': {
    category: 'production',
    audience: { '*': DESIGNERS },
    email: false,
    message: (e) => ({ title: 'Inspection report uploaded', body: 'The factory uploaded the inspection report for your part.', path: `/job-lines/${e.id}` }),
  },
  'sourcing.offer': {
    category: 'sourcing',
    audience: { open: FACTORY },
    email: true,
    message: (e) => ({ title: 'New job offer', body: 'A job matching your capabilities is offered to you. Accept, counter or decline it before it expires.', path: `/offers/${e.id}` }),
  },
  'sourcing.awarded': {
    category: 'sourcing',
    audience: { '*': FACTORY },
    email: true,
    message: (e) => ({ title: 'You won a job', body: 'The job is yours: schedule it and post milestones as you go.', path: `/job-lines/${e.id}` }),
  },
  'sourcing.countered': {
    category: 'sourcing',
    audience: { '*': DESIGNERS },
    email: true,
    message: (e) => ({ title: 'A factory made a counteroffer', body: 'Review the counteroffer and accept or reject it before it expires.', path: `/offers/${e.id}` }),
  },
  'sourcing.stalled': {
    category: 'sourcing',
    audience: { '*': DESIGNERS_AND_OPERATORS },
    email: true,
    message: (e) => ({ title: 'No factory has taken a part yet', body: 'Every eligible factory passed on this part for now. We will try again; an operator is looking at it.', path: `/job-lines/${e.id}` }),
  },
  'job_line.schedule.at_risk': {
    category: 'production',
    audience: { '*': MEMBERS },
    email: true,
    message: (e) => ({ title: 'A promised date is at risk', body: 'The production plan no longer meets the promised ship date for this part.', path: `/job-lines/${e.id}` }),
  },
  'factory.schedule.replanned': {
    category: 'production',
    audience: { '*': FACTORY_ADMINS },
    email: false,
    message: () => ({ title: 'Production plan updated', body: 'The machine schedule was re-planned. Check the new plan for changed dates.', path: '/schedule' }),
  },
  'job_line.reviewed': {
    category: 'production',
    audience: { '*': FACTORY },
    email: true,
    message: (e) => ({ title: 'You were reviewed', body: 'A designer rated a job you delivered. Your scorecard is updated; you may respond once.', path: `/reviews/${e.id}` }),
  },
  'job_line.review_responded': {
    category: 'production',
    audience: { '*': DESIGNERS },
    email: false,
    message: (e) => ({ title: 'The factory responded to your review', body: 'The factory answered the review you wrote.', path: `/reviews/${e.id}` }),
  },
  'message.job_line': {
    category: 'production',
    audience: { '*': MEMBERS },
    email: true,
    message: (e) => ({ title: 'New message about your job', body: 'There is a new message in the job’s thread. Open it to read and reply.', path: `/messages/${e.id}` }),
  },
  'message.sourcing_qa': {
    category: 'sourcing',
    audience: { '*': MEMBERS },
    email: true,
    message: (e) => ({ title: 'New in a job’s Q&A', body: 'A question was asked or answered in the Q&A of a job before award. Open it to read it.', path: `/messages/${e.id}` }),
  },
};

/** The rule for an event type, or undefined when the type notifies nobody. */
export function notificationRule(type: string): NotificationRule | undefined {
  return Object.hasOwn(NOTIFICATION_RULES, type) ? NOTIFICATION_RULES[type] : undefined;
}

/** Whether this event's notifications also go out by e-mail (before the user's own preference). */
export function emailsFor(rule: NotificationRule, event: NotificationEvent): boolean {
  return typeof rule.email === 'boolean' ? rule.email : rule.email.includes(event.status ?? '');
}

/** Who hears about this event. */
export function audienceFor(event: NotificationEvent): Audience {
  const rule = notificationRule(event.type);
  if (!rule) return NOBODY;
  return rule.audience[event.status ?? ''] ?? rule.audience['*'] ?? NOBODY;
}

/** The idempotency key of one event for one user: a replay of the same change notifies once. */
export function dedupeKey(event: NotificationEvent): string {
  return `${event.type}:${event.id}:${event.status ?? ''}`;
}

/** Event types a designer organisation may subscribe to with a webhook: those its own organisation receives. */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  'part.revision.analyzed',
  'part.revision.rejected',
  'part.revision.previews',
  'quote.priced',
  'quote.reviewed',
  'order.status',
  'job_line.status',
  'sourcing.countered',
  'sourcing.stalled',
  'job_line.schedule.at_risk',
  'job_line.review_responded',
  'message.job_line',
  'message.sourcing_qa',
];
