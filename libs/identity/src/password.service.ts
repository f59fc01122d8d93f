import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@partsmith/platform';
import argon2 from 'argon2';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

@Injectable()
export class PasswordService {
  private dummyHash?: Promise<string>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    const { memoryKib, iterations } = this.config.auth.passwordHash;
    return argon2.hash(password, { type: argon2.argon2id, memoryCost: memoryKib, timeCost: iterations, parallelism: 1 });
  }

  async verify(hash: string, password: string): Promise<boolean> {
    try {
      return await argon2.verify(hash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same time as a real check when the user does not exist, so timing does not reveal accounts. */
  async verifyAgainstNobody(password: string): Promise<false> {
    this.dummyHash ??= this.hash('not-a-real-password-for-timing');
    await this.verify(await this.dummyHash, password);
    return false;
  }

  /** A sentence saying what is wrong with a new password, or undefined. */
  weakness(password: string, email: string): string | undefined {
    if (password.length < PASSWORD_MIN_LENGTH) return `Password must be at least ${PASSWORD_MIN_LENGTH} characters`;
    if (password.length > PASSWORD_MAX_LENGTH) return `Password must be at most ${PASSWORD_MAX_LENGTH} characters`;
    if (password.toLowerCase().includes(email.split('@')[0].toLowerCase()) && email.split('@')[0].length >= 4) {
      return 'Password must not contain your email name';
    }
    return undefined;
  }
}
