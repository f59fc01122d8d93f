export * from './local-disk.storage';
export * from './object-storage';
export * from './s3.storage';
export * from './storage.module';
