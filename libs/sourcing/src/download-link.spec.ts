import { signDownload, verifyDownload } from './download-link';

const secret = 'x'.repeat(40);
const grant = { revisionId: 'r1', factoryOrganizationId: 'f1', userId: 'u1', expires: 2_000 };

describe('CAD download links', () => {
  it('verify while unexpired with the right secret', () => {
    expect(verifyDownload(grant, signDownload(grant, secret), secret, 1_999)).toEqual({ ok: true });
  });

  it('refuse an expired link', () => {
    expect(verifyDownload(grant, signDownload(grant, secret), secret, 2_001)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuse a link moved to another factory, revision, user or expiry, or signed with another secret', () => {
    const sig = signDownload(grant, secret);
    for (const other of [{ ...grant, factoryOrganizationId: 'f2' }, { ...grant, revisionId: 'r2' }, { ...grant, userId: 'u2' }, { ...grant, expires: 9_999 }]) {
      expect(verifyDownload(other, sig, secret, 1_000)).toEqual({ ok: false, reason: 'bad_signature' });
    }
    expect(verifyDownload(grant, signDownload(grant, 'y'.repeat(40)), secret, 1_000)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyDownload(grant, '', secret, 1_000)).toEqual({ ok: false, reason: 'bad_signature' });
  });
});
