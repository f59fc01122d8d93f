import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@partsmith/identity';
import { PaymentsModule } from '@partsmith/payments';
import { QuotingModule } from '@partsmith/quoting';
import { OrderCheckoutService } from './order-checkout.service';
import { ORDERS_ENTITIES } from './entities';
import { OrderFundedHandler } from './jobs/order-funded.handler';
import { TransferCompletedHandler } from './jobs/transfer-completed.handler';
import { OrderAccess } from './order-access.service';
import { OrderCancellationService } from './order-cancellation.service';
import { OrderFundingService } from './order-funding.service';
import { OrderPayoutService } from './order-payout.service';
import { OrderTransitions } from './order-transitions.service';
import { OrderLineResolver, OrdersResolver } from './orders.resolver';
import { OrdersService } from './orders.service';

@Module({
  imports: [TypeOrmModule.forFeature(ORDERS_ENTITIES), IdentityModule, QuotingModule, PaymentsModule],
  providers: [
    OrderAccess,
    OrderTransitions,
    OrderCheckoutService,
    OrderFundingService,
    OrderCancellationService,
    OrdersService,
    OrderFundedHandler,
    OrderPayoutService,
    TransferCompletedHandler,
    OrdersResolver,
    OrderLineResolver,
  ],
  exports: [OrdersService, OrderTransitions, OrderAccess],
})
export class OrdersModule {}
