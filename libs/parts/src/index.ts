export * from './dto/geometry-analysis.types';
export * from './entities';
export * from './jobs/analyze-part.job';
export * from './jobs/build-previews.job';
export * from './part-access.service';
export * from './part-state';
export * from './parts.module';
export * from './parts.service';
