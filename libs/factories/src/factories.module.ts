import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@partsmith/identity';
import { RequestContextFactory } from '@partsmith/platform';
import { CertificateDocumentController } from './certificate-document.controller';
import { CertificateResolver } from './certificate.resolver';
import { CertificateService } from './certificate.service';
import { EligibilityService } from './eligibility.service';
import { FACTORY_ENTITIES } from './entities';
import { FactoryAccess } from './factory-access.service';
import { FactoryResolver } from './factory.resolver';
import { FactoryService } from './factory.service';
import { CertificateSweepHandler } from './jobs/certificate-sweep.job';
import { FactorySuspendedHandler } from './jobs/factory-suspended.job';
import { MachineService } from './machine.service';
import { ScorecardService } from './scorecard/scorecard.service';
import { VettingService } from './vetting.service';

@Module({
  imports: [TypeOrmModule.forFeature(FACTORY_ENTITIES), IdentityModule],
  controllers: [CertificateDocumentController],
  providers: [
    RequestContextFactory,
    FactoryAccess,
    FactoryService,
    MachineService,
    CertificateService,
    VettingService,
    ScorecardService,
    EligibilityService,
    CertificateSweepHandler,
    FactorySuspendedHandler,
    FactoryResolver,
    CertificateResolver,
  ],
  exports: [FactoryService, ScorecardService, EligibilityService, CertificateSweepHandler],
})
export class FactoriesModule {}
