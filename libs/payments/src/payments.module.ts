import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@partsmith/identity';
import { ChargebacksService } from './chargebacks.service';
import { CheckoutService } from './checkout.service';
import { ConnectedAccountsService } from './connected-accounts.service';
import { PAYMENTS_ENTITIES } from './entities';
import { EscrowService } from './escrow.service';
import { PaymentJobsHandler } from './jobs/payment-jobs.handler';
import { LedgerService } from './ledger/ledger.service';
import { PaymentAccess } from './payment-access.service';
import { PaymentsFacade } from './payments.facade';
import { PaymentsQueries } from './payments.queries';
import { OrderPaymentResolver, PaymentsResolver } from './payments.resolver';
import { PAYMENT_PROCESSOR } from './processor/payment-processor.port';
import { StripeAdapter } from './processor/stripe.adapter';
import { ReconciliationService } from './reconciliation.service';
import { RefundsService } from './refunds.service';
import { TransfersService } from './transfers.service';
import { TestCardPaymentsResolver } from './test-card-payment.resolver';
import { TestCardPayments } from './test-card-payment.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({
  imports: [TypeOrmModule.forFeature(PAYMENTS_ENTITIES), IdentityModule],
  controllers: [WebhooksController],
  providers: [
    { provide: PAYMENT_PROCESSOR, useClass: StripeAdapter },
    LedgerService,
    PaymentAccess,
    CheckoutService,
    TransfersService,
    RefundsService,
    ChargebacksService,
    EscrowService,
    ConnectedAccountsService,
    WebhooksService,
    ReconciliationService,
    PaymentsQueries,
    PaymentsFacade,
    PaymentJobsHandler,
    PaymentsResolver,
    OrderPaymentResolver,
    TestCardPayments,
    TestCardPaymentsResolver,
  ],
  exports: [PaymentsFacade],
})
export class PaymentsModule {}
