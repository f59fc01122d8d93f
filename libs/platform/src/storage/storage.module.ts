import { Global, Module } from '@nestjs/common';
import { join } from 'node:path';
import { APP_CONFIG, type AppConfig } from '../config';
import { LocalDiskStorage } from './local-disk.storage';
import { OBJECT_STORAGE, type ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';

export function createObjectStorage(config: AppConfig): ObjectStorage {
  const storage = config.storage;
  if (storage.driver === 's3') return new S3Storage(storage.s3!);
  return new LocalDiskStorage(storage.localDir ?? join(config.dataDir, 'storage'));
}

@Global()
@Module({
  providers: [{ provide: OBJECT_STORAGE, inject: [APP_CONFIG], useFactory: createObjectStorage }],
  exports: [OBJECT_STORAGE],
})
export class StorageModule {}
