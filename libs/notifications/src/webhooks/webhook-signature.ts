import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Partsmith-Signature';

/** A new signing secret: shown to the subscriber once. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The `X-Partsmith-Signature` header value: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 *
 * To verify (any language): split the header on "," into t and v1; compute HMAC-SHA256 with the
 * subscription's secret over the string `${t}.${rawBody}` (the body bytes exactly as received, before any
 * JSON parsing); compare it to v1 in constant time; refuse when |now − t| exceeds your tolerance (e.g. 300 s),
 * which stops replays. Drop deliveries whose payload `id` you have already processed (retries repeat it).
 */
export function signWebhook(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmac(secret, timestampSeconds, body)}`;
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

/** The receiving side of signWebhook; exported for subscribers' tests and our own. */
export function verifyWebhookSignature(secret: string, body: string, header: string | null | undefined, options: { toleranceSeconds?: number; nowSeconds?: number } = {}): SignatureCheck {
  if (!header) return { valid: false, reason: `no ${SIGNATURE_HEADER} header` };
  const parts = new Map<string, string[]>();
  for (const piece of header.split(',')) {
    const at = piece.indexOf('=');
    if (at <= 0) continue;
    const key = piece.slice(0, at).trim();
    parts.set(key, [...(parts.get(key) ?? []), piece.slice(at + 1).trim()]);
  }
  const t = Number(parts.get('t')?.[0]);
  const candidates = parts.get('v1') ?? [];
  if (!Number.isInteger(t) || candidates.length === 0) return { valid: false, reason: 'the header needs t=<unix seconds> and v1=<hex>' };
  const tolerance = options.toleranceSeconds ?? 300;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > tolerance) return { valid: false, reason: `timestamp ${t} is more than ${tolerance} s from now (${now})` };
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  const matches = candidates.some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { valid: true } : { valid: false, reason: 'no v1 signature matches the body' };
}

function hmac(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}
