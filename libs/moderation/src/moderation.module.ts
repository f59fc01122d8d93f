import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@partsmith/identity';
import { AuditEntry } from './audit-entry.entity';
import { AuditLogResolver } from './audit-log.resolver';
import { AuditLogService } from './audit-log.service';
import { PlatformMetricsResolver } from './platform-metrics.resolver';
import { PlatformMetricsService } from './platform-metrics.service';

/**
 * Moderation: reading the audit log (operators), the CAD access log (designers, for their own parts) and
 * the platform metrics (operators).
 * Entries are written by every context through platform's AuditTrail; vetting, certificate and appeal
 * decisions live with the data they change (libs/factories).
 */
@Module({
  imports: [TypeOrmModule.forFeature([AuditEntry]), IdentityModule],
  providers: [AuditLogService, AuditLogResolver, PlatformMetricsService, PlatformMetricsResolver],
  exports: [AuditLogService],
})
export class ModerationModule {}
