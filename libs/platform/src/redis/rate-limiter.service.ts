import { Injectable } from '@nestjs/common';
import { RedisService } from './redis.service';

export interface RateLimitDecision {
  allowed: boolean;
  remaining: number;
  retryAfterSeconds: number;
}

const HIT = `
local count = redis.call('INCR', KEYS[1])
if count == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return { count, redis.call('PTTL', KEYS[1]) }`;

/** Fixed-window counters in Redis, shared by every API process. */
@Injectable()
export class RateLimiter {
  constructor(private readonly redis: RedisService) {}

  /** Reads a counter without counting this attempt (for limits that only count failures). */
  async check(bucket: string, subject: string, max: number): Promise<RateLimitDecision> {
    const key = this.redis.key('rate', bucket, subject);
    const [count, ttlMs] = await Promise.all([this.redis.client.get(key), this.redis.client.pttl(key)]);
    const used = Number(count ?? 0);
    return { allowed: used < max, remaining: Math.max(0, max - used), retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)) };
  }

  async hit(bucket: string, subject: string, max: number, windowSeconds: number): Promise<RateLimitDecision> {
    const key = this.redis.key('rate', bucket, subject);
    const [count, ttlMs] = (await this.redis.client.eval(HIT, 1, key, String(windowSeconds * 1000))) as [number, number];
    return {
      allowed: count <= max,
      remaining: Math.max(0, max - count),
      retryAfterSeconds: Math.max(1, Math.ceil(ttlMs / 1000)),
    };
  }
}
