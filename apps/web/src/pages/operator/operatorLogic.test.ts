import { describe, expect, it } from 'vitest';
import { auditFilters, prettyDetails } from './AuditLogPage';
import { onTimeSeries, valueSeries } from './MetricsPage';

const day = (date: string, onTime = 0, late = 0) => ({ day: date, ordersPaid: 0, onTimeDeliveries: onTime, lateDeliveries: late, quotesPriced: 0, quotesReviewed: 0, meanQuoteConfidence: null });

describe('metrics series', () => {
  const days = [day('2026-11-20', 3, 1), day('2026-11-21'), day('2026-11-22', 0, 2)];

  it('charts the largest currency by default, with zero on days without orders', () => {
    const metrics = {
      days,
      orderValue: [
        { day: '2026-11-20', currency: 'USD', amountMinor: 500 },
        { day: '2026-11-20', currency: 'EUR', amountMinor: 300 },
        { day: '2026-11-22', currency: 'EUR', amountMinor: 900 },
      ],
    };
    expect(valueSeries(metrics, null)).toEqual({
      currencies: ['EUR', 'USD'],
      series: [
        { day: '2026-11-20', amountMinor: 300 },
        { day: '2026-11-21', amountMinor: 0 },
        { day: '2026-11-22', amountMinor: 900 },
      ],
    });
    expect(valueSeries(metrics, 'USD').series.map((entry) => entry.amountMinor)).toEqual([500, 0, 0]);
    expect(valueSeries(metrics, 'JPY').series.map((entry) => entry.amountMinor)).toEqual([300, 0, 900]); // unknown → largest
    expect(valueSeries({ days, orderValue: [] }, null)).toEqual({ currencies: [], series: days.map((entry) => ({ day: entry.day, amountMinor: 0 })) });
  });

  it('gives the on-time share per day and no value on days without deliveries', () => {
    expect(onTimeSeries(days)).toEqual([0.75, null, 0]);
  });
});

describe('audit log search', () => {
  it('drops blank filters and refuses ids that are not ids', () => {
    expect(auditFilters({ action: ' factory.approved ', subjectType: '', actorUserId: 'alice' })).toEqual({ variables: { action: 'factory.approved' }, invalid: ['actorUserId'] });
    const id = '0b6a1c1e-3f0e-4d39-9a53-2c1f7a0b9e11';
    expect(auditFilters({ subjectOrganizationId: id, subjectId: 'anything' })).toEqual({ variables: { subjectOrganizationId: id, subjectId: 'anything' }, invalid: [] });
  });

  it('shows details as indented JSON, nothing for an empty object, and text as sent', () => {
    expect(prettyDetails('{"reason":"late","from":"applied"}')).toBe('{\n  "reason": "late",\n  "from": "applied"\n}');
    expect(prettyDetails('{}')).toBe('');
    expect(prettyDetails('not json')).toBe('not json');
  });
});
