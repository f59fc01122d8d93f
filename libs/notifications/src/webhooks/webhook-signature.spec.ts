import { createHmac } from 'node:crypto';
import { generateWebhookSecret, signWebhook, verifyWebhookSignature } from './webhook-signature';

describe('webhook signatures', () => {
  const secret = 'whsec_test_secret';
  const body = JSON.stringify({ id: 'd1', type: 'order.status', createdAt: '2026-01-01T00:00:00.000Z', data: { id: 'o1', status: 'paid' } });

  it('signs "t.body" with HMAC-SHA256 in the documented header format', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies its own signature within the tolerance', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    expect(verifyWebhookSignature(secret, body, header, { nowSeconds: 1_700_000_100 })).toEqual({ valid: true });
  });

  it('refuses a changed body, another secret, an old timestamp and a missing or malformed header', () => {
    const header = signWebhook(secret, body, 1_700_000_000);
    const now = { nowSeconds: 1_700_000_000 };
    expect(verifyWebhookSignature(secret, body.replace('paid', 'cancelled'), header, now).valid).toBe(false);
    expect(verifyWebhookSignature('whsec_other', body, header, now).valid).toBe(false);
    expect(verifyWebhookSignature(secret, body, header, { nowSeconds: 1_700_001_000 })).toMatchObject({ valid: false, reason: expect.stringMatching(/more than 300 s/) });
    expect(verifyWebhookSignature(secret, body, undefined, now).valid).toBe(false);
    expect(verifyWebhookSignature(secret, body, 'v1=abc', now).valid).toBe(false);
    expect(verifyWebhookSignature(secret, body, header.replace(/v1=../, 'v1=zz'), now).valid).toBe(false);
  });

  it('generates distinct, long secrets', () => {
    const a = generateWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(generateWebhookSecret()).not.toBe(a);
  });
});
