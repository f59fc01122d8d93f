import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createLogger, DomainEventRelay, JobDispatcher, OutboxRelay, PinoNestLogger, preflight, RepeatableJobScheduler, type AppConfig } from '@partsmith/platform';
import { GeometryWorkers } from '@partsmith/parts';
import { WorkerModule } from './worker.module';

export interface WorkerOptions {
  /** Start the outbox relay and reconciler and the domain-event relay (default true). Tests turn it off to drive the relay by hand. */
  relay?: boolean;
  concurrency?: number;
}

/**
 * Boots the worker: checks that every declared job has exactly one handler (boot fails otherwise),
 * starts one BullMQ worker per queue, the outbox relay and the domain-event relay.
 */
export async function createWorkerApp(config: AppConfig, options: WorkerOptions = {}): Promise<INestApplicationContext> {
  await preflight(config);
  const logger = createLogger(config.logLevel, 'partsmith-worker');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config, logger), { logger: new PinoNestLogger(logger) });
  app.enableShutdownHooks();
  try {
    await app.get(JobDispatcher).start(options.concurrency ?? 4);
    await app.get(RepeatableJobScheduler).start();
    if (options.relay ?? true) {
      await app.get(OutboxRelay).start();
      await app.get(DomainEventRelay).start();
    }
    // threads started and code compiled before the first upload arrives; a failure here only costs the head start
    void app.get(GeometryWorkers, { strict: false }).warmUp().catch((error: Error) => logger.warn(`geometry warm-up failed: ${error.message}`));
  } catch (error) {
    await app.close();
    throw error;
  }
  return app;
}
