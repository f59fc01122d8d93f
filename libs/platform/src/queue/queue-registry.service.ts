import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { RedisService } from '../redis';
import { allJobDefinitions } from './job-definition';

/** One BullMQ Queue object per context queue, created on first use. */
@Injectable()
export class QueueRegistry implements OnApplicationShutdown {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly redis: RedisService) {}

  get bullPrefix(): string {
    return `${this.redis.prefix}:bull`;
  }

  queue(name: string): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis.client, prefix: this.bullPrefix });
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Every queue some declared job uses. */
  declaredQueueNames(): string[] {
    return [...new Set(allJobDefinitions().map((job) => job.queue))].sort();
  }

  allQueues(): Queue[] {
    return this.declaredQueueNames().map((name) => this.queue(name));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    this.queues.clear();
  }
}
