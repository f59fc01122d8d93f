import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Module, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { FactoriesModule } from '@partsmith/factories';
import { IdentityModule } from '@partsmith/identity';
import { ModerationModule } from '@partsmith/moderation';
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
import {
  APP_CONFIG,
  DomainEventListener,
  HttpErrorFilter,
  HttpObservabilityMiddleware,
  LOGGER,
  MetricsService,
  MutationTransactionInterceptor,
  OperationsModule,
  PlatformModule,
  RequestContextFactory,
  type AppConfig,
} from '@partsmith/platform';
import type { Logger } from 'pino';
import { ApiContextModule } from './api-context.module';
import { EventStreamController } from './event-stream.controller';
import { graphqlOptions } from './graphql.options';

/** The API process: GraphQL, REST (health, metrics, later uploads and webhooks), the queue dashboard. */
@Module({})
export class ApiModule implements NestModule {
  static forRoot(config: AppConfig, logger: Logger): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        PlatformModule.forRoot(config, logger),
        OperationsModule,
        IdentityModule,
        PartsModule,
        PaymentsModule,
        CatalogModule,
        QuotingModule,
        FactoriesModule,
        ModerationModule,
        OrdersModule,
        ProductionSchedulingModule,
        CapacityEstimatorModule,
        SourcingModule,
        ProductionModule,
        MessagingModule,
        NotificationsModule,
        ApiContextModule,
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [ApiContextModule],
          inject: [APP_CONFIG, RequestContextFactory, MetricsService, LOGGER],
          useFactory: graphqlOptions,
        }),
      ],
      controllers: [EventStreamController],
      providers: [
        DomainEventListener,
        { provide: APP_INTERCEPTOR, useClass: MutationTransactionInterceptor },
        { provide: APP_FILTER, useClass: HttpErrorFilter },
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpObservabilityMiddleware).forRoutes('*path');
  }
}
