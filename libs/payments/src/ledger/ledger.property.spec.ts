import fc from 'fast-check';
import {
  accountCode,
  accounts,
  assertBalanced,
  balances,
  capture,
  chargebackLost,
  disputeFunds,
  escrowReturn,
  heldFor,
  processorFee,
  refundFailed,
  refundRequested,
  refundSettled,
  release,
  transferCreated,
  transferReversed,
  UnbalancedEntryError,
  type EntryDraft,
} from './ledger';

const ORDER = '11111111-1111-1111-1111-111111111111';
const FACTORY = '22222222-2222-2222-2222-222222222222';
const CUR = 'EUR';

type Op =
  | { kind: 'release'; grossPct: number; payoutPct: number }
  | { kind: 'refund'; pct: number; outcome: 'settled' | 'failed' | 'failed_after_settle' | 'pending' }
  | { kind: 'return'; pct: number }
  | { kind: 'chargeback'; pct: number; outcome: 'won' | 'lost' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('release' as const), grossPct: fc.integer({ min: 0, max: 100 }), payoutPct: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant('refund' as const), pct: fc.integer({ min: 0, max: 100 }), outcome: fc.constantFrom('settled' as const, 'failed' as const, 'failed_after_settle' as const, 'pending' as const) }),
  fc.record({ kind: fc.constant('return' as const), pct: fc.integer({ min: 0, max: 100 }) }),
  fc.record({ kind: fc.constant('chargeback' as const), pct: fc.integer({ min: 1, max: 100 }), outcome: fc.constantFrom('won' as const, 'lost' as const) }),
);

/**
 * Plays one order's life with the same rules the services apply (release and refund only from what is
 * held, returns only from what was released), and tracks captured/released/refunded on the side.
 */
function play(amount: number, fee: number, ops: Op[]) {
  const entries: EntryDraft[] = [capture({ chargeId: 'ch_1', orderId: ORDER, amountMinor: amount, currency: CUR }), processorFee({ chargeId: 'ch_1', orderId: ORDER, feeMinor: fee, currency: CUR })];
  const totals = { captured: amount, released: 0, refunded: 0, releasedPayout: 0, releasedFee: 0 };
  const heldNow = () => heldFor(entries, ORDER, CUR);
  const heldTrace: number[] = [heldNow()];
  ops.forEach((step, i) => {
    const held = heldNow();
    if (step.kind === 'release') {
      const gross = Math.floor((held * step.grossPct) / 100);
      if (gross === 0) return;
      const payout = Math.floor((gross * step.payoutPct) / 100);
      entries.push(release({ key: `r${i}`, orderId: ORDER, factoryOrganizationId: FACTORY, grossMinor: gross, payoutMinor: payout, currency: CUR }));
      if (payout > 0) entries.push(transferCreated({ transferId: `tr_${i}`, orderId: ORDER, factoryOrganizationId: FACTORY, amountMinor: payout, currency: CUR }));
      totals.released += gross;
      totals.releasedPayout += payout;
      totals.releasedFee += gross - payout;
    } else if (step.kind === 'return') {
      const fromFactory = Math.floor((totals.releasedPayout * step.pct) / 100);
      const fromFee = Math.floor((totals.releasedFee * step.pct) / 100);
      if (fromFactory + fromFee === 0) return;
      if (fromFactory > 0) entries.push(transferReversed({ reversalId: `trr_${i}`, orderId: ORDER, factoryOrganizationId: FACTORY, amountMinor: fromFactory, currency: CUR }));
      entries.push(escrowReturn({ key: `ret${i}`, orderId: ORDER, factoryOrganizationId: FACTORY, fromFactoryMinor: fromFactory, fromFeeMinor: fromFee, currency: CUR }));
      totals.released -= fromFactory + fromFee;
      totals.releasedPayout -= fromFactory;
      totals.releasedFee -= fromFee;
    } else if (step.kind === 'refund') {
      const refund = Math.floor((held * step.pct) / 100);
      if (refund === 0) return;
      const base = { refundId: `re${i}`, orderId: ORDER, amountMinor: refund, currency: CUR };
      entries.push(refundRequested({ ...base, heldMinor: held }));
      totals.refunded += refund;
      if (step.outcome === 'settled' || step.outcome === 'failed_after_settle') entries.push(refundSettled(base));
      if (step.outcome === 'failed' || step.outcome === 'failed_after_settle') {
        entries.push(refundFailed({ ...base, settled: step.outcome === 'failed_after_settle' }));
        totals.refunded -= refund;
      }
    } else {
      const disputed = Math.max(1, Math.floor(((totals.captured - totals.refunded) * step.pct) / 100));
      entries.push(disputeFunds({ balanceTransactionId: `txn_w${i}`, orderId: ORDER, amountMinor: -disputed, feeMinor: 1500, currency: CUR }));
      if (step.outcome === 'won') {
        entries.push(disputeFunds({ balanceTransactionId: `txn_r${i}`, orderId: ORDER, amountMinor: disputed, feeMinor: -1500, currency: CUR }));
      } else {
        const lost = chargebackLost({ disputeId: `dp${i}`, orderId: ORDER, amountMinor: disputed, heldMinor: held, currency: CUR });
        entries.push(lost);
        totals.refunded += lost.postings.find((p) => p.account.type === 'designer_funds_held')?.amountMinor ?? 0;
      }
    }
    heldTrace.push(heldNow());
  });
  return { entries, totals, heldTrace };
}

const life = fc.record({ amount: fc.integer({ min: 50, max: 10_000_000 }), ops: fc.array(op, { maxLength: 25 }) });

describe('ledger (double entry, integer minor units)', () => {
  it('every posting balances, whatever happens to an order', () => {
    fc.assert(
      fc.property(life, ({ amount, ops }) => {
        const { entries } = play(amount, Math.round(amount * 0.029) + 30, ops);
        for (const entry of entries) expect(entry.postings.reduce((sum, p) => sum + p.amountMinor, 0)).toBe(0);
        const all = [...balances(entries).values()].reduce((a, b) => a + b, 0);
        expect(all).toBe(0);
      }),
    );
  });

  it('held funds are never negative and always equal captured − released − refunded', () => {
    fc.assert(
      fc.property(life, ({ amount, ops }) => {
        const { totals, heldTrace, entries } = play(amount, 0, ops);
        expect(Math.min(...heldTrace)).toBeGreaterThanOrEqual(0);
        expect(heldFor(entries, ORDER, CUR)).toBe(totals.captured - totals.released - totals.refunded);
      }),
    );
  });

  it('applying the same entries again, duplicated and in any order, gives the identical ledger', () => {
    fc.assert(
      fc.property(
        life.chain(({ amount, ops }) => {
          const { entries } = play(amount, 17, ops);
          return fc.tuple(fc.constant(entries), fc.shuffledSubarray([...entries, ...entries], { minLength: 2 * entries.length }));
        }),
        ([entries, replayed]) => {
          expect(balances(replayed)).toEqual(balances(entries));
        },
      ),
    );
  });

  it('the platform keeps charge − transfers − fees, and never an application fee', () => {
    const entries = [
      capture({ chargeId: 'ch', orderId: ORDER, amountMinor: 10_000, currency: CUR }),
      processorFee({ chargeId: 'ch', orderId: ORDER, feeMinor: 320, currency: CUR }),
      release({ key: 'r', orderId: ORDER, factoryOrganizationId: FACTORY, grossMinor: 10_000, payoutMinor: 8_200, currency: CUR }),
      transferCreated({ transferId: 'tr', orderId: ORDER, factoryOrganizationId: FACTORY, amountMinor: 8_200, currency: CUR }),
    ];
    const b = balances(entries);
    expect(b.get(`${accountCode(accounts.processorBalance())}/EUR`)).toBe(10_000 - 320 - 8_200);
    expect(b.get(`${accountCode(accounts.feeRevenue())}/EUR`)).toBe(-1_800);
    expect(b.get(`${accountCode(accounts.factoryPayable(FACTORY))}/EUR`)).toBe(0);
    expect(heldFor(entries, ORDER, CUR)).toBe(0);
  });

  it('refuses an unbalanced entry and non-integer or negative amounts', () => {
    expect(() => assertBalanced({ key: 'x', postings: [{ account: accounts.feeRevenue(), amountMinor: 1 }] })).toThrow(UnbalancedEntryError);
    expect(() => capture({ chargeId: 'c', orderId: ORDER, amountMinor: 10.5, currency: CUR })).toThrow(RangeError);
    expect(() => release({ key: 'r', orderId: ORDER, factoryOrganizationId: FACTORY, grossMinor: 10, payoutMinor: 11, currency: CUR })).toThrow(/exceeds/);
  });
});
