import { createHash, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type OrganizationKind, type Role } from '@partsmith/platform';
import jwt from 'jsonwebtoken';

export interface AccessClaims {
  sub: string;
  sid: string;
  org: string;
  kind: OrganizationKind;
  role: Role;
}

/** Opaque random tokens (refresh, invitation) and their stored form. */
export function newOpaqueToken(): { token: string; hash: Buffer } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Access tokens: HS256 only (pinned on verify), with issuer and audience checked. The secret is turned into a
 * key object once: given a string, jsonwebtoken first tries (and fails) to read it as a public key on every
 * call, which cost more CPU than the rest of verifying a request.
 */
@Injectable()
export class TokensService {
  private readonly key: KeyObject;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.key = createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8'));
  }

  signAccessToken(claims: AccessClaims): { token: string; expiresAt: Date } {
    const { issuer, audience, accessTokenTtlSeconds } = this.config.auth;
    const token = jwt.sign({ sid: claims.sid, org: claims.org, kind: claims.kind, role: claims.role }, this.key, {
      algorithm: 'HS256',
      subject: claims.sub,
      issuer,
      audience,
      expiresIn: accessTokenTtlSeconds,
    });
    return { token, expiresAt: new Date(Date.now() + accessTokenTtlSeconds * 1000) };
  }

  /** The claims, or a sentence saying why the token is not accepted. */
  verifyAccessToken(token: string): { claims: AccessClaims } | { problem: string } {
    const { issuer, audience } = this.config.auth;
    try {
      const payload = jwt.verify(token, this.key, { algorithms: ['HS256'], issuer, audience }) as jwt.JwtPayload;
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') return { problem: 'The access token is malformed; sign in again' };
      return { claims: { sub: payload.sub, sid: payload.sid, org: payload.org, kind: payload.kind, role: payload.role } };
    } catch (error) {
      if (error instanceof jwt.TokenExpiredError) return { problem: 'The access token has expired; refresh the session or sign in again' };
      return { problem: 'The access token is not valid; sign in again' };
    }
  }
}
