import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config';
import { dataSourceOptions } from './data-source';

/** The TypeORM connection. Entities register through TypeOrmModule.forFeature in their own context. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config), autoLoadEntities: true, migrationsRun: false }),
    }),
  ],
})
export class DatabaseModule {}
