import { DynamicModule, Module } from '@nestjs/common';
import { FactoriesModule } from '@partsmith/factories';
import { IdentityModule } from '@partsmith/identity';
import { NotificationsModule } from '@partsmith/notifications';
import { OrdersModule } from '@partsmith/orders';
import { PartsModule } from '@partsmith/parts';
import { PaymentsModule } from '@partsmith/payments';
import { CatalogModule } from '@partsmith/catalog';
import { QuotingModule } from '@partsmith/quoting';
import { ProductionModule } from '@partsmith/production';
import { CapacityEstimatorModule, ProductionSchedulingModule } from '@partsmith/production-scheduling';
import { MessagingModule } from '@partsmith/messaging';
import { SourcingModule } from '@partsmith/sourcing';
import { PlatformModule, type AppConfig } from '@partsmith/platform';
import type { Logger } from 'pino';

/** The worker process: every context module whose jobs it runs. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return { module: WorkerModule, imports: [PlatformModule.forRoot(config, logger), IdentityModule, PartsModule, PaymentsModule, CatalogModule, QuotingModule, FactoriesModule, OrdersModule, SourcingModule, ProductionModule, MessagingModule, ProductionSchedulingModule, CapacityEstimatorModule, NotificationsModule] };
  }
}
