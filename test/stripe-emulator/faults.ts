/**
 * Failures a test can inject into the next API requests, to prove that the SDK's retries and
 * idempotency keys never move money twice:
 * - `server_error`: answer 500 api_error without doing anything (the SDK retries);
 * - `connection_reset`: drop the connection before doing anything;
 * - `lost_response`: do the work, save the idempotent result, then drop the connection so the
 *   caller never sees the answer and retries with the same key.
 */
export type FaultKind = 'server_error' | 'connection_reset' | 'lost_response';

export interface FaultRule {
  kind: FaultKind;
  /** How many matching requests fail. */
  count?: number;
  /** Only requests with this method (e.g. 'POST'). */
  method?: string;
  /** Only requests whose path starts with this (e.g. '/v1/transfers'). */
  pathPrefix?: string;
}

interface ActiveRule {
  kind: FaultKind;
  remaining: number;
  method?: string;
  pathPrefix?: string;
}

export class FaultInjector {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    const count = rule.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new Error(`A fault needs a positive whole count; got ${rule.count}.`);
    this.rules.push({ kind: rule.kind, remaining: count, method: rule.method?.toUpperCase(), pathPrefix: rule.pathPrefix });
  }

  /** The fault to apply to this request, if any; consumes one use of the first matching rule. */
  take(method: string, path: string): FaultKind | null {
    const rule = this.rules.find(
      (candidate) =>
        (!candidate.method || candidate.method === method) && (!candidate.pathPrefix || path.startsWith(candidate.pathPrefix)),
    );
    if (!rule) return null;
    rule.remaining--;
    if (rule.remaining === 0) this.rules = this.rules.filter((candidate) => candidate !== rule);
    return rule.kind;
  }

  pending(): number {
    return this.rules.reduce((sum, rule) => sum + rule.remaining, 0);
  }

  clear(): void {
    this.rules = [];
  }
}
