import { Inject, Injectable, Logger } from '@nestjs/common';
import { OutboxService, PermanentJobError, type RequestContext } from '@partsmith/platform';
import type Stripe from 'stripe';
import { Chargeback, FactoryTransfer, Payment, PaymentRefund, ReconciliationReport, type ReconciliationDifference } from './entities';
import { ReconcileJob } from './jobs/payment-jobs';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from './processor/payment-processor.port';

const upper = (currency: string) => currency.toUpperCase();

/** Compares the ledger and our records with the processor, and reports every difference it finds. */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly outbox: OutboxService,
  ) {}

  async request(ctx: RequestContext, requestedBy: string | null): Promise<ReconciliationReport> {
    return ctx.transaction(async (db) => {
      const report = await db.save(db.create(ReconciliationReport, { status: 'queued', requestedBy, checked: {}, differences: [] }));
      await this.outbox.add(ctx, ReconcileJob, { reportId: report.id });
      return report;
    });
  }

  async run(ctx: RequestContext, reportId: string): Promise<void> {
    const report = await ctx.db.findOneBy(ReconciliationReport, { id: reportId });
    if (!report) throw new PermanentJobError(`reconciliation report ${reportId} does not exist`);
    if (report.status === 'finished') return;
    await ctx.db.update(ReconciliationReport, { id: reportId }, { status: 'running' });
    const { differences, checked } = await this.compare(ctx);
    await ctx.db.update(ReconciliationReport, { id: reportId }, { status: 'finished', differences, checked, finishedAt: new Date() });
    if (differences.length) this.logger.warn(`reconciliation ${reportId}: ${differences.length} difference(s)`);
  }

  async compare(ctx: RequestContext): Promise<{ differences: ReconciliationDifference[]; checked: Record<string, number> }> {
    const differences: ReconciliationDifference[] = [];
    const differ = (kind: string, subject: string, ours: unknown, processor: unknown, message: string) =>
      differences.push({ kind, subject, ours: ours == null ? null : String(ours), processor: processor == null ? null : String(processor), message });

    // The ledger itself.
    const unbalanced: Array<{ entry_key: string; total: string }> = await ctx.db.query(
      `SELECT e.entry_key, sum(p.amount_minor)::bigint AS total FROM ledger_entries e LEFT JOIN ledger_postings p ON p.entry_id = e.id
        GROUP BY e.id, e.entry_key, p.currency HAVING coalesce(sum(p.amount_minor), 0) <> 0`,
    );
    for (const row of unbalanced) differ('LEDGER_UNBALANCED', row.entry_key, row.total, null, 'A ledger entry does not balance');
    const negative: Array<{ account: string; held: string }> = await ctx.db.query(
      `SELECT account, -sum(amount_minor)::bigint AS held FROM ledger_postings WHERE account_type = 'designer_funds_held' GROUP BY account, currency HAVING sum(amount_minor) > 0`,
    );
    for (const row of negative) differ('HELD_NEGATIVE', row.account, row.held, null, 'Held funds are negative');

    // Payments and their charges.
    const intents = new Map((await this.processor.listPaymentIntents()).map((intent) => [intent.id, intent]));
    const payments = await ctx.db.find(Payment);
    const ours = new Set<string>();
    const entryAmount = async (key: string, account: string) => {
      const [row] = await ctx.db.query(
        `SELECT sum(p.amount_minor)::bigint AS amount FROM ledger_entries e JOIN ledger_postings p ON p.entry_id = e.id WHERE e.entry_key = $1 AND p.account = $2`,
        [key, account],
      );
      return row?.amount == null ? null : Number(row.amount);
    };
    for (const payment of payments) {
      if (!payment.stripePaymentIntentId) continue;
      ours.add(payment.stripePaymentIntentId);
      const intent = intents.get(payment.stripePaymentIntentId);
      if (!intent) {
        differ('PAYMENT_MISSING', payment.stripePaymentIntentId, payment.status, null, `Order ${payment.orderId}'s PaymentIntent is not at the processor`);
        continue;
      }
      const succeeded = intent.status === 'succeeded';
      if (succeeded !== (payment.status === 'succeeded') || (intent.status === 'canceled') !== (payment.status === 'canceled')) {
        differ('PAYMENT_STATUS', intent.id, payment.status, intent.status, `Order ${payment.orderId}'s payment status differs`);
      }
      if (!succeeded || !payment.stripeChargeId) continue;
      const charge = await this.processor.retrieveCharge(payment.stripeChargeId);
      const captured = await entryAmount(`charge:${charge.id}:capture`, 'processor_balance');
      if (captured !== charge.amount_captured) differ('CHARGE_CAPTURED', charge.id, captured, charge.amount_captured, 'Captured amount differs');
      const fee = (charge.balance_transaction as Stripe.BalanceTransaction | null)?.fee ?? 0;
      const ourFee = (await entryAmount(`charge:${charge.id}:fee`, 'processor_fees')) ?? 0;
      if (ourFee !== fee) differ('CHARGE_FEE', charge.id, ourFee, fee, 'Processor fee differs');
      const [refunded] = await ctx.db.query(`SELECT coalesce(sum(amount_minor), 0)::bigint AS n FROM payment_refunds WHERE payment_id = $1 AND status = 'succeeded'`, [payment.id]);
      if (Number(refunded.n) !== charge.amount_refunded) differ('CHARGE_REFUNDED', charge.id, refunded.n, charge.amount_refunded, 'Refunded amount differs');
    }
    for (const intent of intents.values()) {
      if (!ours.has(intent.id) && intent.status === 'succeeded') differ('PAYMENT_UNKNOWN', intent.id, null, intent.amount_received, 'A captured PaymentIntent has no payment here');
    }

    // Refunds.
    const refunds = await this.processor.listRefundsAll();
    const ourRefunds = new Map((await ctx.db.find(PaymentRefund)).filter((r) => r.stripeRefundId).map((r) => [r.stripeRefundId!, r]));
    for (const refund of refunds) {
      const row = ourRefunds.get(refund.id);
      if (!row) differ('REFUND_UNKNOWN', refund.id, null, refund.amount, 'A refund at the processor is not recorded here');
      else if (row.amountMinor !== refund.amount || row.status !== refund.status) differ('REFUND', refund.id, `${row.amountMinor} ${row.status}`, `${refund.amount} ${refund.status}`, 'Refund differs');
    }
    const pendingRefunds = await ctx.db.query(`SELECT id FROM payment_refunds WHERE status = 'pending' AND stripe_refund_id IS NULL`);
    for (const row of pendingRefunds) differ('REFUND_NOT_MADE', row.id, 'pending', null, 'A refund was decided but not yet made at the processor');

    // Transfers.
    const transfers = new Map((await this.processor.listTransfers({})).map((transfer) => [transfer.id, transfer]));
    const ourTransfers = await ctx.db.find(FactoryTransfer);
    const known = new Set<string>();
    for (const row of ourTransfers) {
      if (!row.stripeTransferId) {
        differ('TRANSFER_NOT_MADE', row.id, `${row.amountMinor} ${row.status}`, null, `Released to factory ${row.factoryOrganizationId} but no transfer exists yet`);
        continue;
      }
      known.add(row.stripeTransferId);
      const transfer = transfers.get(row.stripeTransferId);
      if (!transfer) {
        differ('TRANSFER_MISSING', row.stripeTransferId, row.amountMinor, null, 'Our transfer is not at the processor');
        continue;
      }
      if (transfer.amount !== row.amountMinor) differ('TRANSFER_AMOUNT', transfer.id, row.amountMinor, transfer.amount, 'Transfer amount differs');
      if (transfer.amount_reversed !== row.reversedMinor) differ('TRANSFER_REVERSED', transfer.id, row.reversedMinor, transfer.amount_reversed, 'Reversed amount differs');
      const posted = await entryAmount(`transfer:${transfer.id}:created`, 'processor_balance');
      if (posted !== -transfer.amount) differ('TRANSFER_LEDGER', transfer.id, posted, -transfer.amount, 'The ledger lacks the transfer');
    }
    for (const transfer of transfers.values()) {
      if (!known.has(transfer.id)) differ('TRANSFER_UNKNOWN', transfer.id, null, transfer.amount, 'A transfer at the processor is not recorded here');
    }

    // Chargebacks.
    const disputes = await this.processor.listDisputes();
    const ourChargebacks = new Map((await ctx.db.find(Chargeback)).map((c) => [c.stripeDisputeId, c]));
    for (const dispute of disputes) {
      const row = ourChargebacks.get(dispute.id);
      if (!row) {
        differ('CHARGEBACK_UNKNOWN', dispute.id, null, dispute.status, 'A dispute at the processor is not recorded here');
        continue;
      }
      if (row.status !== dispute.status) differ('CHARGEBACK_STATUS', dispute.id, row.status, dispute.status, 'Chargeback status differs');
      for (const transaction of dispute.balance_transactions ?? []) {
        const posted = await entryAmount(`dispute-funds:${transaction.id}`, 'processor_balance');
        if (posted !== transaction.net) differ('CHARGEBACK_LEDGER', transaction.id, posted, transaction.net, `Chargeback ${dispute.id}'s funds movement is not in the ledger`);
      }
    }

    // The platform balance, per currency.
    const balance = await this.processor.balance();
    const processorTotals = new Map<string, number>();
    for (const part of [...balance.available, ...balance.pending]) processorTotals.set(upper(part.currency), (processorTotals.get(upper(part.currency)) ?? 0) + part.amount);
    const ledgerTotals: Array<{ currency: string; total: string }> = await ctx.db.query(
      `SELECT currency, sum(amount_minor)::bigint AS total FROM ledger_postings WHERE account_type = 'processor_balance' GROUP BY currency`,
    );
    const ledgerByCurrency = new Map(ledgerTotals.map((row) => [row.currency, Number(row.total)]));
    for (const currency of new Set([...processorTotals.keys(), ...ledgerByCurrency.keys()])) {
      const mine = ledgerByCurrency.get(currency) ?? 0;
      const theirs = processorTotals.get(currency) ?? 0;
      if (mine !== theirs) differ('BALANCE', currency, mine, theirs, `The platform's ${currency} balance differs from the ledger's processor_balance`);
    }

    return {
      differences,
      checked: { payments: payments.length, refunds: refunds.length, transfers: transfers.size, chargebacks: disputes.length, currencies: processorTotals.size },
    };
  }
}
