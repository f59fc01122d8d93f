import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, ForbiddenError, InvalidInputError, NotFoundError, OutboxService, type AppConfig, type RequestContext } from '@partsmith/platform';
import { Chargeback, DeliveryDispute, EscrowAllocation, FactoryPayout, FactoryTransfer, LedgerLine, Payment, PaymentRefund, ReconciliationReport } from './entities';
import { CreateTransferJob } from './jobs/payment-jobs';
import { LedgerService } from './ledger/ledger.service';
import { PaymentAccess } from './payment-access.service';
import { OPEN_CHARGEBACK_STATUSES } from './payment-state';
import { TransfersService } from './transfers.service';

/** Read models for GraphQL, each checked on the object: designers their orders, factories their own money, operators all. */
@Injectable()
export class PaymentsQueries {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: PaymentAccess,
    private readonly ledger: LedgerService,
    private readonly transfers: TransfersService,
    private readonly outbox: OutboxService,
  ) {}

  private limit(first?: number | null): number {
    const max = this.config.graphql.maxPageSize;
    if (first != null && (first < 1 || first > max)) throw new InvalidInputError(`first must be between 1 and ${max}`);
    return first ?? 20;
  }

  orderPayment(ctx: RequestContext, orderId: string): Promise<Payment> {
    return this.access.payment(ctx, orderId);
  }

  /** The client secret goes to the paying designer only, and only while there is something to pay. */
  clientSecret(ctx: RequestContext, payment: Payment): string | null {
    const principal = ctx.requirePrincipal();
    if (principal.organizationId !== payment.designerOrganizationId) return null;
    return payment.status === 'requires_payment' || payment.status === 'failed' ? payment.clientSecret : null;
  }

  async escrow(ctx: RequestContext, payment: Payment) {
    return { currency: payment.currency, ...(await this.ledger.orderSummary(ctx, payment.orderId, payment.currency)) };
  }

  allocations(ctx: RequestContext, payment: Payment): Promise<EscrowAllocation[]> {
    return ctx.db.find(EscrowAllocation, { where: { paymentId: payment.id }, order: { createdAt: 'ASC' } });
  }

  refunds(ctx: RequestContext, payment: Payment): Promise<PaymentRefund[]> {
    return ctx.db.find(PaymentRefund, { where: { paymentId: payment.id }, order: { createdAt: 'ASC' } });
  }

  chargebacksOf(ctx: RequestContext, payment: Payment): Promise<Chargeback[]> {
    return ctx.db.find(Chargeback, { where: { paymentId: payment.id }, order: { createdAt: 'ASC' } });
  }

  /** A factory's transfers; operators name a factory, or leave it out for every factory's (the payout view). */
  factoryTransfers(ctx: RequestContext, organizationId: string | null | undefined, first?: number | null): Promise<FactoryTransfer[]> {
    const everyFactory = !organizationId && this.access.isOperator(ctx.requirePrincipal());
    const where = everyFactory ? {} : { factoryOrganizationId: this.access.factoryScope(ctx, organizationId) };
    return ctx.db.find(FactoryTransfer, { where, order: { createdAt: 'DESC' }, take: this.limit(first) });
  }

  factoryBankPayouts(ctx: RequestContext, organizationId: string | null | undefined, first?: number | null): Promise<FactoryPayout[]> {
    const scope = this.access.factoryScope(ctx, organizationId);
    return ctx.db.find(FactoryPayout, { where: { organizationId: scope }, order: { createdAt: 'DESC' }, take: this.limit(first) });
  }

  /**
   * Ledger lines. Operators: any order or organisation (or all). Factories: their own payable account.
   * Designers: their order's held and refund lines.
   */
  async ledgerLines(ctx: RequestContext, filter: { orderId?: string | null; organizationId?: string | null; first?: number | null }): Promise<LedgerLine[]> {
    const principal = ctx.requirePrincipal();
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (this.access.isOperator(principal)) {
      if (filter.orderId) add('p.order_id = ?', filter.orderId);
      if (filter.organizationId) add('p.organization_id = ?', filter.organizationId);
    } else if (principal.organizationKind === 'factory') {
      if (filter.organizationId && filter.organizationId !== principal.organizationId) throw new ForbiddenError('You can only see your own factory’s ledger lines');
      add('p.organization_id = ?', principal.organizationId);
      if (filter.orderId) add('p.order_id = ?', filter.orderId);
    } else {
      if (!filter.orderId) throw new InvalidInputError('Designers see the ledger lines of one order: pass orderId');
      await this.access.payment(ctx, filter.orderId);
      add('p.order_id = ?', filter.orderId);
      where.push(`p.account_type IN ('designer_funds_held', 'refunds_pending')`);
    }
    params.push(this.limit(filter.first));
    const rows: Array<Record<string, unknown>> = await ctx.db.query(
      `SELECT p.id::text AS id, e.entry_key, e.kind, e.memo, p.account, p.account_type, p.order_id, p.currency, p.amount_minor, e.created_at
         FROM ledger_postings p JOIN ledger_entries e ON e.id = p.entry_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY p.id LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) =>
      Object.assign(new LedgerLine(), {
        id: row.id,
        entryKey: row.entry_key,
        kind: row.kind,
        memo: row.memo,
        account: row.account,
        accountType: row.account_type,
        orderId: row.order_id,
        currency: row.currency,
        amountMinor: Number(row.amount_minor),
        createdAt: row.created_at,
      }),
    );
  }

  chargebacks(ctx: RequestContext, openOnly: boolean): Promise<Chargeback[]> {
    this.access.requireOperator(ctx);
    const query = ctx.db.createQueryBuilder(Chargeback, 'c').orderBy('c.created_at', 'DESC').take(100);
    if (openOnly) query.where('c.status IN (:...open)', { open: OPEN_CHARGEBACK_STATUSES });
    return query.getMany();
  }

  deliveryDisputes(ctx: RequestContext, openOnly: boolean): Promise<DeliveryDispute[]> {
    this.access.requireOperator(ctx);
    return ctx.db.find(DeliveryDispute, { where: openOnly ? { status: 'open' } : {}, order: { createdAt: 'DESC' }, take: 100 });
  }

  async reconciliationReport(ctx: RequestContext, id: string): Promise<ReconciliationReport> {
    this.access.requireOperator(ctx);
    const report = await ctx.db.findOneBy(ReconciliationReport, { id });
    if (!report) throw new NotFoundError('Reconciliation report', id);
    return report;
  }

  reconciliationReports(ctx: RequestContext, first?: number | null): Promise<ReconciliationReport[]> {
    this.access.requireOperator(ctx);
    return ctx.db.find(ReconciliationReport, { order: { createdAt: 'DESC' }, take: this.limit(first) });
  }

  /** An operator sends a failed transfer again (e.g. after the factory finished onboarding). */
  async retryTransfer(ctx: RequestContext, transferId: string): Promise<FactoryTransfer> {
    this.access.requireOperator(ctx);
    return ctx.transaction(async (db) => {
      const transfer = await db.createQueryBuilder(FactoryTransfer, 't').setLock('pessimistic_write').where('t.id = :id', { id: transferId }).getOne();
      if (!transfer) throw new NotFoundError('Factory transfer', transferId);
      if (await this.transfers.retry(ctx, transfer)) await this.outbox.add(ctx, CreateTransferJob, { transferId });
      return db.findOneByOrFail(FactoryTransfer, { id: transferId });
    });
  }
}
