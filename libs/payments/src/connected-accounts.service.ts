import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, PermanentJobError, RequestContext, type AppConfig } from '@partsmith/platform';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { CapabilityStatusEnum, ConnectedAccount, FactoryPayout } from './entities';
import { PaymentAccess } from './payment-access.service';
import { FactoryOnboardingLink, ProcessorError } from './payments.results';
import { PAYMENT_PROCESSOR, type PaymentProcessor } from './processor/payment-processor.port';
import { isPermanentProcessorError, processorMessage } from './processor/processor-errors';

const PAYOUT_RANK: Record<string, number> = { pending: 0, in_transit: 1, paid: 2, failed: 2, canceled: 2 };

/** Factories as Stripe connected accounts: onboarding links, the transfers capability gate, bank payouts. */
@Injectable()
export class ConnectedAccountsService {
  private readonly logger = new Logger(ConnectedAccountsService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(PAYMENT_PROCESSOR) private readonly processor: PaymentProcessor,
    private readonly access: PaymentAccess,
  ) {}

  /**
   * Creates the factory's connected account on first use (its idempotency key committed first), then mints
   * a fresh single-use onboarding link: links expire within minutes, so never store or reuse one.
   */
  async startOnboarding(ctx: RequestContext): Promise<FactoryOnboardingLink | ProcessorError> {
    const principal = this.access.requireFactoryAdmin(ctx);
    const system = RequestContext.system(this.dataSource);
    const organizationId = principal.organizationId;
    await system.db.query(
      `INSERT INTO payment_connected_accounts (organization_id, idempotency_key) VALUES ($1, $2) ON CONFLICT (organization_id) DO NOTHING`,
      [organizationId, `org:${organizationId}:connect-account:1`],
    );
    let account = await system.db.findOneByOrFail(ConnectedAccount, { organizationId });
    try {
      if (!account.stripeAccountId) {
        const created = await this.processor.createConnectedAccount({
          metadata: { partsmith_organization_id: organizationId },
          payoutDelayDays: this.config.payments.factoryPayoutDelayDays,
          idempotencyKey: account.idempotencyKey,
        });
        await system.db.query(`UPDATE payment_connected_accounts SET stripe_account_id = $2, updated_at = now() WHERE id = $1 AND stripe_account_id IS NULL`, [account.id, created.id]);
        account = await system.db.findOneByOrFail(ConnectedAccount, { organizationId });
        await this.applyAccount(system, created);
      }
      const base = this.config.http.publicUrl ?? `http://${this.config.http.host}:${this.config.http.port}`;
      const link = await this.processor.createAccountLink({
        account: account.stripeAccountId!,
        type: account.detailsSubmitted ? 'account_update' : 'account_onboarding',
        refreshUrl: `${base}/factory/payments/onboarding?expired=1`,
        returnUrl: `${base}/factory/payments/onboarding?done=1`,
      });
      return Object.assign(new FactoryOnboardingLink(), { url: link.url, expiresAt: new Date(link.expires_at * 1000), stripeAccountId: account.stripeAccountId! });
    } catch (error) {
      if (isPermanentProcessorError(error)) return new ProcessorError(`Stripe refused: ${processorMessage(error)}`);
      throw error;
    }
  }

  async accountOf(ctx: RequestContext, organizationId?: string | null): Promise<ConnectedAccount | null> {
    const scope = this.access.factoryScope(ctx, organizationId);
    return ctx.db.findOneBy(ConnectedAccount, { organizationId: scope });
  }

  /** The gate other contexts use: may this factory be awarded work that will be paid by transfer? */
  async canReceiveTransfers(ctx: RequestContext, factoryOrganizationId: string): Promise<boolean> {
    const account = await ctx.db.findOneBy(ConnectedAccount, { organizationId: factoryOrganizationId });
    return account?.transfersCapability === CapabilityStatusEnum.active && Boolean(account.stripeAccountId);
  }

  /** The job behind account.updated / capability.updated: read the account now, so event order does not matter. */
  async sync(ctx: RequestContext, stripeAccountId: string): Promise<void> {
    let account: Stripe.Account;
    try {
      account = await this.processor.retrieveAccount(stripeAccountId);
    } catch (error) {
      if (isPermanentProcessorError(error)) throw new PermanentJobError(`account ${stripeAccountId}: ${processorMessage(error)}`);
      throw error;
    }
    await this.applyAccount(ctx, account);
  }

  private async applyAccount(ctx: RequestContext, account: Stripe.Account): Promise<void> {
    const transfers = account.capabilities?.transfers ?? 'inactive';
    await ctx.db.query(
      `UPDATE payment_connected_accounts SET transfers_capability = $2, details_submitted = $3, payouts_enabled = $4, synced_at = now(), updated_at = now()
        WHERE stripe_account_id = $1`,
      [account.id, ['active', 'pending'].includes(transfers) ? transfers : 'inactive', account.details_submitted ?? false, account.payouts_enabled ?? false],
    );
  }

  /** payout.* on a connected account (Connect events): the factory's money reaching its bank. */
  async applyPayout(ctx: RequestContext, payout: Stripe.Payout, stripeAccountId: string): Promise<void> {
    const [account] = await ctx.db.query(`SELECT organization_id FROM payment_connected_accounts WHERE stripe_account_id = $1`, [stripeAccountId]);
    const existing = await ctx.db.findOneBy(FactoryPayout, { stripePayoutId: payout.id });
    if (existing && (PAYOUT_RANK[existing.status] ?? 0) >= (PAYOUT_RANK[payout.status] ?? 0)) return; // a late event
    await ctx.db.query(
      `INSERT INTO factory_payouts (stripe_payout_id, stripe_account_id, organization_id, amount_minor, currency, status, arrival_date, failure_message)
       VALUES ($1, $2, $3, $4, upper($5), $6, $7, $8)
       ON CONFLICT (stripe_payout_id) DO UPDATE SET status = EXCLUDED.status, failure_message = EXCLUDED.failure_message, updated_at = now()`,
      [payout.id, stripeAccountId, account?.organization_id ?? null, payout.amount, payout.currency, payout.status, payout.arrival_date ? new Date(payout.arrival_date * 1000) : null, payout.failure_message ?? null],
    );
  }
}
