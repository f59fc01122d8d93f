import { randomBytes } from 'node:crypto';
import { resourceMissing } from './wire/errors';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** `pi_3Qx…`: a prefix and 24 random base62 characters, like Stripe's ids. */
export function newId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length];
  return `${prefix}_${out}`;
}

/** The owner of an object: `null` for the platform, otherwise the connected account id. */
export type Owner = string | null;

interface Row<T> {
  owner: Owner;
  seq: number;
  value: T;
}

let sequence = 0;

/**
 * One kind of object, keyed by id and scoped to the account that owns it, so a platform request can't
 * read a connected account's payout and vice versa. Lists come newest first, like Stripe's.
 */
export class Table<T extends { id: string }> {
  private readonly rows = new Map<string, Row<T>>();

  constructor(
    /** The name Stripe uses in "No such payment_intent: 'pi_123'". */
    readonly objectName: string,
    readonly idPrefix: string,
  ) {}

  insert(owner: Owner, value: T): T {
    this.rows.set(value.id, { owner, seq: ++sequence, value });
    return value;
  }

  find(id: string, owner: Owner): T | undefined {
    const row = this.rows.get(id);
    return row && row.owner === owner ? row.value : undefined;
  }

  /** Finds the object or throws Stripe's 404 "No such …" naming `param`. */
  get(id: string, owner: Owner, param?: string): T {
    const found = this.find(id, owner);
    if (!found) throw resourceMissing(this.objectName, id, param);
    return found;
  }

  ownerOf(id: string): Owner | undefined {
    return this.rows.get(id)?.owner;
  }

  delete(id: string): void {
    this.rows.delete(id);
  }

  list(owner: Owner, filter: (value: T) => boolean = () => true): T[] {
    return [...this.rows.values()]
      .filter((row) => row.owner === owner && filter(row.value))
      .sort((a, b) => b.seq - a.seq)
      .map((row) => row.value);
  }

  all(): Array<{ owner: Owner; value: T }> {
    return [...this.rows.values()].map(({ owner, value }) => ({ owner, value }));
  }

  clear(): void {
    this.rows.clear();
  }
}

/**
 * Emulated wall clock in unix seconds. Tests move it forward to make pending funds available, pay out
 * payouts and expire account links and idempotency keys, without sleeping.
 */
export class Clock {
  private offsetSeconds = 0;

  now(): number {
    return Math.floor(Date.now() / 1000) + this.offsetSeconds;
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new Error(`The emulator clock only moves forward; got ${seconds} seconds.`);
    }
    this.offsetSeconds += Math.floor(seconds);
  }

  reset(): void {
    this.offsetSeconds = 0;
  }
}

export const DAY = 86_400;

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
