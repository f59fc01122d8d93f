import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HttpObservabilityMiddleware } from './http-observability.middleware';
import { MetricsService } from './metrics.service';

@Module({ controllers: [HealthController], providers: [MetricsService, HttpObservabilityMiddleware], exports: [MetricsService, HttpObservabilityMiddleware] })
export class OperationsModule {}
