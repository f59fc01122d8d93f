import { audienceFor, dedupeKey, emailsFor, NOTIFICATION_CATEGORIES, NOTIFICATION_RULES, notificationRule, WEBHOOK_EVENT_TYPES } from './notification-rules';

describe('notification rules', () => {
  it('tells the designers of the organisation when their part is analysed or rejected', () => {
    expect(audienceFor({ type: 'part.revision.analyzed', id: 'r1', status: 'analyzed' })).toEqual({ roles: ['designer'], operators: false });
    expect(audienceFor({ type: 'part.revision.rejected', id: 'r1', status: 'rejected' })).toEqual({ roles: ['designer'], operators: false });
  });

  it('adds every operator only for a quote that fell back to review', () => {
    expect(audienceFor({ type: 'quote.priced', id: 'q', status: 'needs_review' })).toEqual({ roles: ['designer'], operators: true });
    expect(audienceFor({ type: 'quote.priced', id: 'q', status: 'ready' }).operators).toBe(false);
  });

  it('e-mails what happens while the designer is away, not what answers them within seconds', () => {
    const emails = (type: string, status: string) => emailsFor(notificationRule(type)!, { type, id: 'x', status });
    expect(emails('part.revision.analyzed', 'analyzed')).toBe(false);
    expect(emails('part.revision.rejected', 'rejected')).toBe(true);
    expect(emails('quote.priced', 'ready')).toBe(false);
    expect(emails('quote.priced', 'not_manufacturable')).toBe(false);
    expect(emails('quote.priced', 'needs_review')).toBe(true);
    expect(emails('quote.priced', 'failed')).toBe(true);
    expect(emails('quote.reviewed', 'ready')).toBe(true);
    expect(emails('order.status', 'paid')).toBe(true);
  });

  it('keeps quiet about statuses nobody needs to hear of, and about unknown event types', () => {
    expect(audienceFor({ type: 'order.status', id: 'o', status: 'awaiting_payment' }).roles).toEqual([]);
    expect(audienceFor({ type: 'job_line.status', id: 'j', status: 'sourcing' }).roles).toEqual([]);
    expect(audienceFor({ type: 'part.revision.previews', id: 'r', status: 'ready' }).roles).toEqual([]);
    expect(audienceFor({ type: 'no.such.event', id: 'x', status: null })).toEqual({ roles: [], operators: false });
    expect(audienceFor({ type: 'constructor', id: 'x', status: null })).toEqual({ roles: [], operators: false });
  });

  it('tells factory members about offers and awards, and designers never about those', () => {
    expect(audienceFor({ type: 'sourcing.offer', id: 'f', status: 'open' }).roles).toEqual(['factory_admin', 'factory_member']);
    expect(audienceFor({ type: 'sourcing.offer', id: 'f', status: 'declined' }).roles).toEqual([]);
    expect(audienceFor({ type: 'sourcing.awarded', id: 'j', status: 'awarded' }).roles).not.toContain('designer');
  });

  it('gives every rule a known category and a readable title and body for each status it notifies', () => {
    for (const [type, rule] of Object.entries(NOTIFICATION_RULES)) {
      expect(NOTIFICATION_CATEGORIES).toContain(rule.category);
      for (const status of Object.keys(rule.audience)) {
        const message = rule.message({ type, id: 'abc', status: status === '*' ? null : status });
        expect(message.title.length).toBeGreaterThan(5);
        expect(message.body).toMatch(/[.!]$/);
        expect(message.title + message.body).not.toMatch(/undefined|null|_/);
      }
    }
  });

  it('dedupes on the event identity: type, subject and status', () => {
    expect(dedupeKey({ type: 'order.status', id: 'o1', status: 'paid' })).toBe('order.status:o1:paid');
    expect(dedupeKey({ type: 'order.status', id: 'o1', status: 'paid' })).not.toBe(dedupeKey({ type: 'order.status', id: 'o1', status: 'completed' }));
  });

  it('lets webhooks subscribe only to events a designer organisation itself receives', () => {
    expect(WEBHOOK_EVENT_TYPES).toContain('part.revision.analyzed');
    expect(WEBHOOK_EVENT_TYPES).not.toContain('sourcing.offer');
    expect(WEBHOOK_EVENT_TYPES).not.toContain('sourcing.awarded');
    expect(WEBHOOK_EVENT_TYPES).toEqual(expect.arrayContaining(['message.job_line', 'message.sourcing_qa', 'job_line.review_responded']));
    expect(WEBHOOK_EVENT_TYPES).not.toContain('job_line.reviewed'); // goes to the factory, not to a designer organisation
  });
});
