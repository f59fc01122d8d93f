import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdentityModule } from '@partsmith/identity';
import { RequestContextFactory } from '@partsmith/platform';
import { PARTS_ENTITIES } from './entities';
import { GeometryWorkers } from './geometry-workers';
import { AnalyzePartHandler } from './jobs/analyze-part.job';
import { BuildPreviewsHandler } from './jobs/build-previews.job';
import { PartAccess } from './part-access.service';
import { PartsController } from './parts.controller';
import { PartResolver, PartRevisionResolver } from './parts.resolver';
import { PartsService } from './parts.service';

@Module({
  imports: [TypeOrmModule.forFeature(PARTS_ENTITIES), IdentityModule],
  controllers: [PartsController],
  providers: [PartsService, PartAccess, GeometryWorkers, AnalyzePartHandler, BuildPreviewsHandler, RequestContextFactory, PartResolver, PartRevisionResolver],
  exports: [PartsService, PartAccess],
})
export class PartsModule {}
