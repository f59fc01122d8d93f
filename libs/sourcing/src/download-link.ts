import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Short-lived CAD download links for the awarded factory: an HMAC-SHA256 (the link secret) over the
 * revision, the factory organisation, the user it was issued to and the expiry. The link is a bearer
 * credential for its few minutes; the download still re-checks the award and the NDA.
 */
export interface DownloadGrant {
  revisionId: string;
  factoryOrganizationId: string;
  userId: string;
  /** Epoch seconds. */
  expires: number;
}

export function signDownload(grant: DownloadGrant, secret: string): string {
  return createHmac('sha256', secret).update(`cad-download\n${grant.revisionId}\n${grant.factoryOrganizationId}\n${grant.userId}\n${grant.expires}`).digest('base64url');
}

export type DownloadCheck = { ok: true } | { ok: false; reason: 'expired' | 'bad_signature' };

export function verifyDownload(grant: DownloadGrant, signature: string, secret: string, nowSeconds = Math.floor(Date.now() / 1000)): DownloadCheck {
  const expected = Buffer.from(signDownload(grant, secret));
  const given = Buffer.from(signature ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad_signature' };
  if (!Number.isInteger(grant.expires) || grant.expires < nowSeconds) return { ok: false, reason: 'expired' };
  return { ok: true };
}

export function downloadQuery(grant: DownloadGrant, secret: string): string {
  const params = new URLSearchParams({ factory: grant.factoryOrganizationId, user: grant.userId, expires: String(grant.expires), sig: signDownload(grant, secret) });
  return params.toString();
}
