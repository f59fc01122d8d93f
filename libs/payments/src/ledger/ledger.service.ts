import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@partsmith/platform';
import { accountCode, accounts, type AccountType, type EntryDraft } from './ledger';

const ORDER_SCOPED: readonly AccountType[] = ['designer_funds_held', 'refunds_pending', 'disputed_funds'];

/** Writes ledger entries (once per key) and reads balances. Always inside the caller's transaction. */
@Injectable()
export class LedgerService {
  /** Posts the entry unless one with its key exists. Returns whether it was new. */
  async post(ctx: RequestContext, draft: EntryDraft): Promise<boolean> {
    return ctx.transaction(async (db) => {
      const inserted: Array<{ id: string }> = await db.query(
        `INSERT INTO ledger_entries (entry_key, kind, order_id, currency, memo) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (entry_key) DO NOTHING RETURNING id`,
        [draft.key, draft.kind, draft.orderId, draft.currency, draft.memo],
      );
      if (inserted.length === 0) return false;
      const values: unknown[] = [];
      const rows = draft.postings.map((posting, index) => {
        const scope = posting.account.scope;
        const orderId = ORDER_SCOPED.includes(posting.account.type) ? scope : draft.orderId;
        const organizationId = posting.account.type === 'factory_payable' ? scope : null;
        values.push(inserted[0].id, accountCode(posting.account), posting.account.type, organizationId, orderId, draft.currency, posting.amountMinor);
        const base = index * 7;
        return `($${base + 1}, $${base + 2}, $${base + 3}, $${base + 4}, $${base + 5}, $${base + 6}, $${base + 7})`;
      });
      await db.query(
        `INSERT INTO ledger_postings (entry_id, account, account_type, organization_id, order_id, currency, amount_minor) VALUES ${rows.join(', ')}`,
        values,
      );
      return true;
    });
  }

  async has(ctx: RequestContext, key: string): Promise<boolean> {
    const rows = await ctx.db.query(`SELECT 1 FROM ledger_entries WHERE entry_key = $1`, [key]);
    return rows.length > 0;
  }

  /** Debit-positive balance of one account. */
  async balance(ctx: RequestContext, account: string, currency: string): Promise<number> {
    const [row] = await ctx.db.query(`SELECT coalesce(sum(amount_minor), 0)::bigint AS balance FROM ledger_postings WHERE account = $1 AND currency = $2`, [
      account,
      currency,
    ]);
    return Number(row.balance);
  }

  async heldMinor(ctx: RequestContext, orderId: string, currency: string): Promise<number> {
    return 0 - (await this.balance(ctx, accountCode(accounts.held(orderId)), currency));
  }

  /** What an order's escrow went through, by entry kind (for views and checks). */
  async orderSummary(ctx: RequestContext, orderId: string, currency: string) {
    const held = accountCode(accounts.held(orderId));
    const rows: Array<{ kind: string; total: string }> = await ctx.db.query(
      `SELECT e.kind, sum(p.amount_minor)::bigint AS total
         FROM ledger_postings p JOIN ledger_entries e ON e.id = p.entry_id
        WHERE p.account = $1 AND p.currency = $2 GROUP BY e.kind`,
      [held, currency],
    );
    const byKind = new Map(rows.map((row) => [row.kind, Number(row.total)]));
    const credit = (kind: string) => -(byKind.get(kind) ?? 0);
    const debit = (kind: string) => byKind.get(kind) ?? 0;
    const captured = credit('capture');
    const released = debit('release') - credit('escrow_return');
    const refunded = debit('refund') - credit('refund_failed') + debit('chargeback_lost');
    return { capturedMinor: captured, releasedMinor: released, refundedMinor: refunded, heldMinor: captured - released - refunded };
  }
}
