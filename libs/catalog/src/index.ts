export * from './catalog-entry.entity';
export * from './catalog-kinds';
export * from './catalog.module';
export * from './catalog.service';
