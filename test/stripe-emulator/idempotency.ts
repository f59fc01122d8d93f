import type { Clock } from './store';
import { DAY } from './store';
import { idempotencyError } from './wire/errors';

export interface SavedResponse {
  status: number;
  body: string;
}

interface Entry {
  method: string;
  path: string;
  params: string;
  response: SavedResponse;
  savedAt: number;
}

export type IdempotencyLookup = { kind: 'miss' } | { kind: 'replay'; response: SavedResponse };

/**
 * Stripe's idempotency: the first result for a key is saved (per account, for 24 hours) and replayed
 * verbatim for the same method, path and params; reusing the key for anything else is an
 * idempotency_error. Requests that failed validation are not saved, as on Stripe.
 */
export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock) {}

  lookup(scope: string, key: string, method: string, path: string, params: string): IdempotencyLookup {
    const entry = this.live(scope, key);
    if (!entry) return { kind: 'miss' };
    if (entry.method !== method || entry.path !== path) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used for the same endpoint they were first used for ` +
          `('${entry.method} ${entry.path}' vs '${method} ${path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    if (entry.params !== params) {
      throw idempotencyError(
        `Keys for idempotent requests can only be used with the same parameters they were first used with. ` +
          `Try using a key other than '${key}' if you meant to execute a different request.`,
      );
    }
    return { kind: 'replay', response: entry.response };
  }

  save(scope: string, key: string, method: string, path: string, params: string, response: SavedResponse): void {
    this.entries.set(`${scope}\u0000${key}`, { method, path, params, response, savedAt: this.clock.now() });
  }

  clear(): void {
    this.entries.clear();
  }

  private live(scope: string, key: string): Entry | undefined {
    const id = `${scope}\u0000${key}`;
    const entry = this.entries.get(id);
    if (entry && this.clock.now() - entry.savedAt >= DAY) {
      this.entries.delete(id);
      return undefined;
    }
    return entry;
  }
}
