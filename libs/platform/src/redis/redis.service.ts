import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import Redis, { type RedisOptions } from 'ioredis';
import { APP_CONFIG, type AppConfig } from '../config';

/** Reads the eviction policy; BullMQ loses jobs silently under any policy but noeviction. */
export async function assertNoEviction(client: Redis, url: string): Promise<void> {
  const info = await client.info('memory');
  const policy = /maxmemory_policy:(\S+)/.exec(info)?.[1] ?? 'unknown';
  if (policy !== 'noeviction') {
    throw new Error(
      `Redis at ${redactUrl(url)} runs with maxmemory-policy "${policy}"; Partsmith's queues need "noeviction" ` +
        `(set it with: redis-cli CONFIG SET maxmemory-policy noeviction, and in redis.conf)`,
    );
  }
}

export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/** Owns every Redis connection the process opens, so shutdown closes them all. */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly clients: Redis[] = [];
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = config.redis.prefix;
  }

  /** A new connection. BullMQ workers and blocking commands need their own (maxRetriesPerRequest: null). */
  connect(options: RedisOptions = {}): Redis {
    const client = new Redis(this.config.redis.url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
    client.on('error', () => undefined); // reported through health checks; ioredis reconnects by itself
    this.clients.push(client);
    return client;
  }

  private shared?: Redis;
  /** One shared connection for ordinary commands (rate limits, health). */
  get client(): Redis {
    this.shared ??= this.connect({ maxRetriesPerRequest: 2 });
    return this.shared;
  }

  key(...parts: string[]): string {
    return [this.prefix, ...parts].join(':');
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.clients.map((client) => client.quit().catch(() => client.disconnect())));
    this.clients.length = 0;
    this.shared = undefined;
  }
}
