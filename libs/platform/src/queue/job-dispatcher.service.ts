import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { RequestContext } from '../context';
import { logScope } from '../logging';
import { RedisService } from '../redis';
import { checkJobHandlers, type DiscoveredHandler } from './handler-check';
import { JOB_HANDLER_METADATA, type JobHandlerFn } from './job-handler.decorator';
import { allJobDefinitions, PermanentJobError, queueConcurrency, type JobPayload } from './job-definition';
import { QueueRegistry } from './queue-registry.service';

export class JobHandlerConfigurationError extends Error {
  constructor(problems: string[]) {
    super(`Job handlers are misconfigured:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Worker side: finds the @JobHandler methods, checks them against the declared jobs, runs one BullMQ Worker per queue. */
@Injectable()
export class JobDispatcher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(JobDispatcher.name);
  private readonly handlers = new Map<string, JobHandlerFn<JobPayload>>();
  private readonly workers: Worker[] = [];

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    private readonly redis: RedisService,
    private readonly queues: QueueRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** Throws JobHandlerConfigurationError when a job has no handler or two. */
  discover(): void {
    const found: Array<DiscoveredHandler & { fn: JobHandlerFn<JobPayload> }> = [];
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const jobName = this.reflector.get<string | undefined>(JOB_HANDLER_METADATA, prototype[method]);
        if (!jobName) continue;
        const fn = (instance[method] as JobHandlerFn<JobPayload>).bind(instance);
        found.push({ jobName, where: `${instance.constructor.name}.${method}`, fn });
      }
    }
    const problems = checkJobHandlers(allJobDefinitions(), found);
    if (problems.length > 0) throw new JobHandlerConfigurationError(problems);
    for (const handler of found) this.handlers.set(handler.jobName, handler.fn);
  }

  async start(concurrency = 4): Promise<void> {
    if (this.handlers.size === 0) this.discover();
    for (const queueName of this.queues.declaredQueueNames()) {
      const worker = new Worker(queueName, (job) => this.process(job), {
        connection: this.redis.connect(),
        prefix: this.queues.bullPrefix,
        concurrency: queueConcurrency(queueName) ?? concurrency,
        autorun: true,
      });
      worker.on('failed', (job, error) =>
        this.logger.warn(`job ${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`),
      );
      worker.on('error', (error) => this.logger.error(`worker for queue ${queueName}: ${error.message}`));
      this.workers.push(worker);
    }
    await Promise.all(this.workers.map((worker) => worker.waitUntilReady()));
    this.logger.log(`processing queues: ${this.queues.declaredQueueNames().join(', ') || '(none)'}`);
  }

  private async process(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    if (!handler) throw new UnrecoverableError(`no handler for job "${job.name}"`);
    const jobId = String(job.id);
    await logScope.run({ jobId }, async () => {
      try {
        await handler(job.data as JobPayload, {
          jobId,
          attempt: job.attemptsMade + 1,
          ctx: RequestContext.system(this.dataSource, jobId),
        });
      } catch (error) {
        if (error instanceof PermanentJobError) throw new UnrecoverableError(error.message);
        throw error;
      }
    });
  }

  /**
   * Graceful: takes no new jobs and lets running ones finish — before the database and Redis connections
   * close (beforeApplicationShutdown runs ahead of every onApplicationShutdown).
   */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    this.workers.length = 0;
  }
}
